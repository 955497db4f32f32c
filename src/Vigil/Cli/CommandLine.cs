using System.Globalization;

namespace Vigil.Cli;

/// <summary>keepalived's command line (2.2.7 <c>--help</c> plus the later <c>--log-file</c>, <c>--flush-log-file</c>).</summary>
internal static class CommandLine
{
    public static readonly IReadOnlyList<OptionSpec> Specs =
    [
        new('f', "use-file", OptionArgument.Required),
        new('P', "vrrp", OptionArgument.None),
        new('C', "check", OptionArgument.None),
        new('B', "no_bfd", OptionArgument.None),
        new('\0', "all", OptionArgument.None),
        new('l', "log-console", OptionArgument.None),
        new('D', "log-detail", OptionArgument.None),
        new('S', "log-facility", OptionArgument.Required),
        new('g', "log-file", OptionArgument.Optional),
        new('\0', "flush-log-file", OptionArgument.None),
        new('G', "no-syslog", OptionArgument.None),
        new('u', "umask", OptionArgument.Required),
        new('X', "release-vips", OptionArgument.None),
        new('V', "dont-release-vrrp", OptionArgument.None),
        new('I', "dont-release-ipvs", OptionArgument.None),
        new('R', "dont-respawn", OptionArgument.None),
        new('n', "dont-fork", OptionArgument.None),
        new('d', "dump-conf", OptionArgument.Optional),
        new('p', "pid", OptionArgument.Required),
        new('r', "vrrp_pid", OptionArgument.Required),
        new('T', "genhash", OptionArgument.None),
        new('c', "checkers_pid", OptionArgument.Required),
        new('a', "address-monitoring", OptionArgument.None),
        new('b', "bfd_pid", OptionArgument.Required),
        new('x', "snmp", OptionArgument.None),
        new('A', "snmp-agent-socket", OptionArgument.Required),
        new('s', "namespace", OptionArgument.Required),
        new('m', "core-dump", OptionArgument.None),
        new('M', "core-dump-pattern", OptionArgument.Optional),
        new('e', "all-config", OptionArgument.None),
        new('i', "config-id", OptionArgument.Required),
        new('\0', "signum", OptionArgument.Required),
        new('\0', "lvs-backend", OptionArgument.Required),
        new('\0', "lvs-status", OptionArgument.None),
        new('t', "config-test", OptionArgument.Optional),
        new('\0', "config-fd", OptionArgument.Required),
        new('v', "version", OptionArgument.None),
        new('h', "help", OptionArgument.None),
    ];

    /// <summary>Parses <paramref name="args"/>; on error returns null and the message keepalived would print.</summary>
    public static VigilOptions? Parse(IReadOnlyList<string> args, out string? error, out IReadOnlyList<string> unexpected)
    {
        unexpected = [];

        // keepalived: -T/--genhash must come first; everything after it belongs to genhash.
        if (args.Count > 0 && args[0] is "-T" or "--genhash")
        {
            error = null;
            return new VigilOptions { Genhash = true, GenhashArguments = args.Skip(1).ToList() };
        }

        var result = new GetoptParser(Specs).Parse(args);
        if (result.Error is not null)
        {
            error = result.Error;
            return null;
        }

        unexpected = result.Operands;
        var o = new VigilOptions();
        var notices = new List<string>();
        foreach (var (spec, value) in result.Options)
        {
            var key = spec.Long ?? spec.Short.ToString();
            switch (key)
            {
                case "use-file": o = o with { ConfigFile = value! }; break;
                case "vrrp": o = o with { VrrpOnly = true }; break;
                case "check": o = o with { CheckerOnly = true }; break;
                case "no_bfd": o = o with { NoBfd = true }; break;
                case "all": o = o with { All = true }; break;
                case "log-console": o = o with { LogConsole = true }; break;
                case "log-detail": o = o with { LogDetail = true }; break;
                case "log-facility":
                    if (ParseFacility(value!) is not { } facility)
                    {
                        error = $"Invalid log facility '{value}' - must be 0-7, local0-local7, user or daemon";
                        return null;
                    }

                    o = o with { LogFacility = facility };
                    break;
                case "log-file": o = o with { LogFile = value ?? string.Empty }; break;
                case "flush-log-file": o = o with { FlushLogFile = true }; break;
                case "no-syslog": o = o with { NoSyslog = true }; break;
                case "umask":
                    if (!TryParseUmask(value!, out var mask))
                    {
                        error = $"Invalid umask '{value}'";
                        return null;
                    }

                    o = o with { Umask = mask };
                    break;
                case "release-vips": o = o with { ReleaseVips = true }; break;
                case "dont-release-vrrp": o = o with { DontReleaseVrrp = true }; break;
                case "dont-release-ipvs": o = o with { DontReleaseIpvs = true }; break;
                case "dont-respawn": o = o with { DontRespawn = true }; break;
                case "dont-fork": o = o with { DontFork = true }; break;
                case "dump-conf":
                    if (value is not null && value != "json")
                    {
                        error = $"Unknown dump format '{value}' - only 'json' is supported";
                        return null;
                    }

                    o = o with { DumpConfig = true, DumpConfigJson = value == "json" };
                    break;
                case "pid": o = o with { PidFile = value }; break;
                case "vrrp_pid": o = o with { VrrpPidFile = value }; break;
                case "checkers_pid": o = o with { CheckersPidFile = value }; break;
                case "bfd_pid": o = o with { BfdPidFile = value }; break;
                case "genhash":
                    error = "-T/--genhash must be the first option";
                    return null;
                case "address-monitoring": o = o with { AddressMonitoring = true }; break;
                case "snmp":
                    o = o with { Snmp = true };
                    notices.Add("vigil: -x/--snmp accepted, but SNMP is not supported yet; continuing without it");
                    break;
                case "snmp-agent-socket":
                    o = o with { SnmpAgentSocket = value };
                    notices.Add("vigil: -A/--snmp-agent-socket accepted, but SNMP is not supported yet; ignored");
                    break;
                case "namespace": o = o with { Namespace = value }; break;
                case "core-dump": o = o with { CoreDump = true }; break;
                case "core-dump-pattern": o = o with { CoreDump = true, CoreDumpPattern = value ?? "core" }; break;
                case "all-config": o = o with { AllConfig = true }; break;
                case "config-id": o = o with { ConfigId = value }; break;
                case "signum": o = o with { SignumFunction = value }; break;
                case "lvs-backend":
                    if (!Vigil.Config.Parsing.LvsBackendNames.TryParse(value!, out var backend))
                    {
                        var suggestion = Vigil.Config.Parsing.LvsBackendNames.Suggest(value!);
                        error = $"Unknown lvs backend '{value}' - must be ipvs, nftables or auto" + (suggestion is null ? "" : $" (did you mean '{suggestion}'?)");
                        return null;
                    }

                    o = o with { LvsBackend = backend };
                    break;
                case "lvs-status": o = o with { LvsStatus = true }; break;
                case "config-test": o = o with { ConfigTest = true, ConfigTestLog = value }; break;
                case "config-fd":
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var fd))
                    {
                        error = $"Invalid config-fd '{value}'";
                        return null;
                    }

                    o = o with { ConfigFd = fd };
                    break;
                case "version": o = o with { Version = true }; break;
                case "help": o = o with { Help = true }; break;
            }
        }

        error = null;
        return o with { Notices = notices };
    }

    /// <summary><c>-S</c>: 0-7 (LOG_LOCAL0..7), local0-local7, user or daemon; returns the syslog facility code.</summary>
    public static int? ParseFacility(string text)
    {
        const int LogLocal0 = 16 << 3, LogUser = 1 << 3, LogDaemon = 3 << 3;
        if (text.Length == 1 && text[0] is >= '0' and <= '7')
        {
            return LogLocal0 + ((text[0] - '0') << 3);
        }

        if (text.Length == 6 && text.StartsWith("local", StringComparison.Ordinal) && text[5] is >= '0' and <= '7')
        {
            return LogLocal0 + ((text[5] - '0') << 3);
        }

        return text switch
        {
            "user" => LogUser,
            "daemon" => LogDaemon,
            _ => null,
        };
    }

    private static bool TryParseUmask(string text, out uint mask)
    {
        mask = 0;
        try
        {
            mask = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? Convert.ToUInt32(text[2..], 16)
                : text.StartsWith('0') ? Convert.ToUInt32(text, 8)
                : uint.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
            return mask <= 0x1ff;
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException)
        {
            return false;
        }
    }

    /// <summary><c>--signum</c>: keepalived 2.2.7's numbers (glibc SIGRTMIN = 34, SIGRTMAX = 64).</summary>
    public static int? SignalNumber(string function) => function switch
    {
        "STOP" => 15,
        "RELOAD" => 1,
        "DATA" => 10,
        "STATS" => 12,
        "STATS_CLEAR" => 63,
        "JSON" => 36,
        _ => null,
    };

    public const string Usage = """
        Usage: vigil [OPTION...]
          -f, --use-file=FILE          Use the specified configuration file
                                        default '/etc/keepalived/keepalived.conf'
          -P, --vrrp                   Only run with VRRP subsystem
          -C, --check                  Only run with Health-checker subsystem
          -B, --no_bfd                 Don't run BFD subsystem
              --all                    Force all child processes to run, even if have no configuration
          -l, --log-console            Log messages to local console
          -D, --log-detail             Detailed log messages
          -S, --log-facility=([0-7]|local[0-7]|user|daemon)
                                       Set syslog facility to LOG_LOCAL[0-7], user or daemon (default)
          -g, --log-file[=FILE]        Also log to FILE
              --flush-log-file         Flush the log file after each write
          -G, --no-syslog              Don't log via syslog
          -u, --umask=MASK             umask for file creation (in numeric form)
          -X, --release-vips           Drop VIP on transition from signal.
          -V, --dont-release-vrrp      Don't remove VRRP VIPs and VROUTEs on daemon stop
          -I, --dont-release-ipvs      Don't remove IPVS topology on daemon stop
          -R, --dont-respawn           Don't respawn child processes
          -n, --dont-fork              Don't fork the daemon process
          -d, --dump-conf[=json]       Dump the configuration data (as JSON with =json)
          -p, --pid=FILE               Use specified pidfile for parent process
          -r, --vrrp_pid=FILE          Use specified pidfile for VRRP child process
          -T, --genhash                Enter into genhash utility mode (this should be the first option used).
          -c, --checkers_pid=FILE      Use specified pidfile for checkers child process
          -a, --address-monitoring     Report all address additions/deletions notified via netlink
          -b, --bfd_pid=FILE           Use specified pidfile for BFD child process
          -x, --snmp                   Enable SNMP subsystem
          -A, --snmp-agent-socket=FILE Use the specified socket for master agent
          -s, --namespace=NAME         Run in network namespace NAME (overrides config)
          -m, --core-dump              Produce core dump if terminate abnormally
          -M, --core-dump-pattern=PATN Also set /proc/sys/kernel/core_pattern to PATN (default 'core')
          -e, --all-config             Error if any configuration file missing (same as includea)
          -i, --config-id id           Skip any configuration lines beginning '@' that don't match id
                                        or any lines beginning @^ that do match.
                                        The config-id defaults to the node name if option not used
              --signum=SIGFUNC         Return signal number for STOP, RELOAD, DATA, STATS, STATS_CLEAR, JSON
              --lvs-backend=ipvs|nftables|auto
                                       Load balancer data plane (overrides lvs_backend; default auto)
              --lvs-status             Print the live load balancer table (like ipvsadm -Ln) and exit
          -t, --config-test[=LOG_FILE] Check the configuration for obvious errors, output to
                                        stderr by default
          -v, --version                Display the version number
          -h, --help                   Display this help message
        """;
}
