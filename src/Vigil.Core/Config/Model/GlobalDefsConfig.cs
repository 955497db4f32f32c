using System.Collections.Immutable;
using System.Net;

namespace Vigil.Config.Model;

/// <summary>
/// <c>global_defs</c> plus the root-level settings (<c>net_namespace</c>, <c>instance</c>, <c>use_pid_dir</c>, ...),
/// with keepalived 2.2.7's defaults (keepalived.conf(5) "Global definitions").
/// </summary>
public sealed record GlobalDefsConfig
{
    // ---- root level (outside any block) ----

    /// <summary><c>net_namespace NAME</c>: run in this network namespace (overridden by <c>-s</c>).</summary>
    public string? NetNamespace { get; init; }

    /// <summary><c>net_namespace_ipvs [NAME]</c>: namespace for IPVS; empty string = the default namespace.</summary>
    public string? NetNamespaceIpvs { get; init; }

    public bool NamespaceWithIpsets { get; init; }

    /// <summary><c>instance NAME</c>: distinguishes pid files when several keepalived run in one namespace.</summary>
    public string? Instance { get; init; }

    public bool UsePidDir { get; init; }

    public bool LinkbeatUsePolling { get; init; }

    /// <summary><c>child_wait_time</c> (default 5 s).</summary>
    public TimeSpan ChildWaitTime { get; init; } = TimeSpan.FromSeconds(5);

    // ---- identity, e-mail ----

    /// <summary><c>router_id</c>; null means the local host name.</summary>
    public string? RouterId { get; init; }

    public ImmutableArray<string> NotificationEmails { get; init; } = [];

    /// <summary>null means keepalived@&lt;local host name&gt;.</summary>
    public string? NotificationEmailFrom { get; init; }

    public SmtpServerConfig? SmtpServer { get; init; }

    public string? SmtpHeloName { get; init; }

    public TimeSpan SmtpConnectTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Global default for every smtp_alert (null = not set).</summary>
    public bool? SmtpAlert { get; init; }

    public bool? SmtpAlertVrrp { get; init; }

    public bool? SmtpAlertChecker { get; init; }

    public bool CheckerLogAllFailures { get; init; }

    public bool NoEmailFaults { get; init; }

    // ---- scripts ----

    /// <summary>Interface for static addresses/routes without <c>dev</c> (default eth0).</summary>
    public string DefaultInterface { get; init; } = "eth0";

    public string? ScriptUser { get; init; }

    public string? ScriptGroup { get; init; }

    public bool EnableScriptSecurity { get; init; }

    public bool SetSupplementaryGroups { get; init; }

    public bool UseSymlinkPaths { get; init; }

    public ScriptConfig? StartupScript { get; init; }

    public TimeSpan StartupScriptTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public ScriptConfig? ShutdownScript { get; init; }

    public TimeSpan ShutdownScriptTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public NotifyFifoConfig? NotifyFifo { get; init; }

    public NotifyFifoConfig? VrrpNotifyFifo { get; init; }

    public NotifyFifoConfig? LvsNotifyFifo { get; init; }

    public bool FifoWriteVrrpStatesOnReload { get; init; }

    // ---- process / files ----

    public bool DynamicInterfaces { get; init; }

    public bool DynamicInterfacesAllowIfChanges { get; init; }

    public uint? Umask { get; init; }

    public uint? RandomSeed { get; init; }

    /// <summary><c>reload_check_config [LOG]</c>: validate before reloading; <see cref="ReloadCheckConfigLog"/> optional.</summary>
    public bool ReloadCheckConfig { get; init; }

    public string? ReloadCheckConfigLog { get; init; }

    public string? ReloadTimeFile { get; init; }

    public bool ReloadRepeat { get; init; }

    /// <summary><c>reload_file</c>; "" means the default name in the pid directory.</summary>
    public string? ReloadFile { get; init; }

    public string? IncludeCheck { get; init; }

    public string? ConfigSaveDir { get; init; }

    public string? TmpConfigDirectory { get; init; }

    public bool DataUseInstance { get; init; }

    public string? StateDumpFile { get; init; }

    public string? StatsDumpFile { get; init; }

    public string? JsonDumpFile { get; init; }

    public int JsonVersion { get; init; } = 1;

    public string? IprouteUsrDir { get; init; }

    public string? IprouteEtcDir { get; init; }

    public bool ProcessNames { get; init; }

    public string? ProcessName { get; init; }

    public string? VrrpProcessName { get; init; }

    public string? CheckerProcessName { get; init; }

    public string? BfdProcessName { get; init; }

    public bool RsInitNotifies { get; init; }

    public bool NoCheckerEmails { get; init; }

    public ProcessTuningConfig VrrpProcess { get; init; } = new();

    public ProcessTuningConfig CheckerProcess { get; init; } = new();

    public ProcessTuningConfig BfdProcess { get; init; } = new();

    /// <summary><c>max_auto_priority</c> (0 = no automatic priority increase, -1 = also no warning).</summary>
    public int MaxAutoPriority { get; init; }

    public TimeSpan MinAutoPriorityDelay { get; init; } = TimeSpan.FromSeconds(1);

    public NetlinkBufferConfig VrrpNetlinkCommand { get; init; } = new();

    public NetlinkBufferConfig VrrpNetlinkMonitor { get; init; } = new();

    public NetlinkBufferConfig LvsNetlinkCommand { get; init; } = new();

    public NetlinkBufferConfig LvsNetlinkMonitor { get; init; } = new();

    public NetlinkBufferConfig ProcessMonitor { get; init; } = new();

    // ---- VRRP defaults ----

    public VrrpDefaultsConfig Vrrp { get; init; } = new();

    // ---- firewall ----

    /// <summary><c>vrrp_iptables [IN [OUT]]</c>; keepalived 2.2.7 has no iptables support and uses nftables instead.</summary>
    public IptablesConfig? Iptables { get; init; }

    public ImmutableArray<string> Ipsets { get; init; } = [];

    /// <summary><c>nftables [TABLE]</c>: table name (default "keepalived"); null = not configured.</summary>
    public string? Nftables { get; init; }

    public int NftablesPriority { get; init; } = -1;

    public bool NftablesCounters { get; init; }

    public bool NftablesIfindex { get; init; }

    public string? NftablesIpvs { get; init; }

    public int NftablesIpvsPriority { get; init; } = -1;

    public uint NftablesIpvsStartFwmark { get; init; } = 1000;

    // ---- LVS ----

    public LvsSyncDaemonConfig? LvsSyncDaemon { get; init; }

    public LvsTimeoutsConfig? LvsTimeouts { get; init; }

    public bool LvsFlush { get; init; }

    public LvsFlushOnStop LvsFlushOnStop { get; init; }

    /// <summary><c>lvs_backend ipvs|nftables|auto</c> (a Vigil extension; default auto: IPVS when the kernel has it).</summary>
    public Vigil.Lb.LbBackendKind LvsBackend { get; init; }

    // ---- SNMP / DBus ----

    public string? SnmpSocket { get; init; }

    public bool EnableTraps { get; init; }

    public bool EnableSnmpVrrp { get; init; }

    public bool EnableSnmpChecker { get; init; }

    public bool EnableSnmpRfcV2 { get; init; }

    public bool EnableSnmpRfcV3 { get; init; }

    public TimeSpan? SnmpVsStatsUpdateInterval { get; init; }

    public TimeSpan? SnmpRsStatsUpdateInterval { get; init; }

    public bool EnableDbus { get; init; }

    public string? DbusServiceName { get; init; }

    public bool DbusNoInterfaceName { get; init; }
}
