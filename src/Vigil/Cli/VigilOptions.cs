namespace Vigil.Cli;

/// <summary>
/// Everything the command line says, with keepalived 2.2.7's meaning of each flag (keepalived(8)). The daemon host
/// consumes this; <c>-t</c>/<c>-d</c> are handled before it.
/// </summary>
public sealed record VigilOptions
{
    public const string DefaultConfigFile = "/etc/keepalived/keepalived.conf";

    /// <summary><c>-f, --use-file=FILE</c>.</summary>
    public string ConfigFile { get; init; } = DefaultConfigFile;

    /// <summary><c>-P, --vrrp</c>: only the VRRP subsystem.</summary>
    public bool VrrpOnly { get; init; }

    /// <summary><c>-C, --check</c>: only the health-checker subsystem.</summary>
    public bool CheckerOnly { get; init; }

    /// <summary><c>-B, --no_bfd</c>.</summary>
    public bool NoBfd { get; init; }

    /// <summary><c>--all</c>: start every subsystem even without configuration.</summary>
    public bool All { get; init; }

    /// <summary><c>-l, --log-console</c>.</summary>
    public bool LogConsole { get; init; }

    /// <summary><c>-D, --log-detail</c>.</summary>
    public bool LogDetail { get; init; }

    /// <summary><c>-S, --log-facility</c>: syslog facility number (LOG_DAEMON = 3 when absent).</summary>
    public int? LogFacility { get; init; }

    /// <summary><c>-G, --no-syslog</c>.</summary>
    public bool NoSyslog { get; init; }

    /// <summary><c>-g, --log-file[=FILE]</c>; "" means the default file.</summary>
    public string? LogFile { get; init; }

    /// <summary><c>--flush-log-file</c>.</summary>
    public bool FlushLogFile { get; init; }

    /// <summary><c>-u, --umask=MASK</c>.</summary>
    public uint? Umask { get; init; }

    /// <summary><c>-X, --release-vips</c>.</summary>
    public bool ReleaseVips { get; init; }

    /// <summary><c>-V, --dont-release-vrrp</c>: keep VIPs and routes on stop.</summary>
    public bool DontReleaseVrrp { get; init; }

    /// <summary><c>-I, --dont-release-ipvs</c>: keep IPVS on stop.</summary>
    public bool DontReleaseIpvs { get; init; }

    /// <summary><c>-R, --dont-respawn</c>.</summary>
    public bool DontRespawn { get; init; }

    /// <summary><c>-n, --dont-fork</c>.</summary>
    public bool DontFork { get; init; }

    /// <summary><c>-d, --dump-conf[=json]</c>.</summary>
    public bool DumpConfig { get; init; }

    public bool DumpConfigJson { get; init; }

    /// <summary><c>-p, --pid=FILE</c>.</summary>
    public string? PidFile { get; init; }

    /// <summary><c>-r, --vrrp_pid=FILE</c>.</summary>
    public string? VrrpPidFile { get; init; }

    /// <summary><c>-c, --checkers_pid=FILE</c>.</summary>
    public string? CheckersPidFile { get; init; }

    /// <summary><c>-b, --bfd_pid=FILE</c>.</summary>
    public string? BfdPidFile { get; init; }

    /// <summary><c>-a, --address-monitoring</c>.</summary>
    public bool AddressMonitoring { get; init; }

    /// <summary><c>-x, --snmp</c>.</summary>
    public bool Snmp { get; init; }

    /// <summary><c>-A, --snmp-agent-socket=FILE</c>.</summary>
    public string? SnmpAgentSocket { get; init; }

    /// <summary><c>-s, --namespace=NAME</c>: network namespace (overrides <c>net_namespace</c>).</summary>
    public string? Namespace { get; init; }

    /// <summary><c>-m, --core-dump</c>.</summary>
    public bool CoreDump { get; init; }

    /// <summary><c>-M, --core-dump-pattern[=PATN]</c>; "core" when given without a value.</summary>
    public string? CoreDumpPattern { get; init; }

    /// <summary><c>-e, --all-config</c>.</summary>
    public bool AllConfig { get; init; }

    /// <summary><c>-i, --config-id ID</c>.</summary>
    public string? ConfigId { get; init; }

    /// <summary><c>--signum=SIGFUNC</c>.</summary>
    public string? SignumFunction { get; init; }

    /// <summary><c>-t, --config-test[=LOG_FILE]</c>.</summary>
    public bool ConfigTest { get; init; }

    public string? ConfigTestLog { get; init; }

    /// <summary><c>--config-fd=N</c> (internal to keepalived's reload check).</summary>
    public int? ConfigFd { get; init; }

    /// <summary><c>-T, --genhash</c>: the rest of the command line belongs to genhash.</summary>
    public bool Genhash { get; init; }

    public IReadOnlyList<string> GenhashArguments { get; init; } = [];

    /// <summary><c>--lvs-backend=ipvs|nftables|auto</c> (Vigil extension): overrides global_defs <c>lvs_backend</c>.</summary>
    public Vigil.Lb.LbBackendKind? LvsBackend { get; init; }

    /// <summary><c>--lvs-status</c> (Vigil extension): print the live load-balancer table and exit.</summary>
    public bool LvsStatus { get; init; }

    public bool Version { get; init; }

    public bool Help { get; init; }

    /// <summary>One line per accepted flag whose feature Vigil does not implement yet.</summary>
    public IReadOnlyList<string> Notices { get; init; } = [];
}
