using System.Collections.Immutable;
using Vigil.Config.Model;
using Vigil.Config.Parsing;

namespace Vigil.Config.Validation;

/// <summary>
/// Cross-checks and resolves a parsed configuration the way keepalived 2.2.7 does after reading it: host facts
/// (interfaces, users, script files), references between blocks, keepalived's repairs of contradictory settings,
/// default and inheritance resolution, and script security. Every problem is a diagnostic with keepalived's wording;
/// nothing stops at the first one.
/// </summary>
internal sealed partial class ConfigValidator(RootBuilder root, ParseContext context, IHostFacts host)
{
    /// <summary>The user keepalived runs scripts as when none is configured and it exists.</summary>
    public const string DefaultScriptUser = "keepalived_script";

    private readonly DiagnosticBag _diag = context.Diagnostics;
    private readonly Dictionary<string, bool> _interfaceCache = new(StringComparer.Ordinal);
    private readonly HashSet<ScriptKind> _rootScripts = [];
    private bool _missingInterface;
    private ScriptRunAs? _defaultRunAs;

    public KeepalivedConfig Run()
    {
        var global = ValidateGlobal(root.Global);
        ResolveDefaultScriptUser(global);
        global = ValidateGlobalScripts(global);

        var scripts = ValidateVrrpScripts();
        var trackFiles = ValidateTrackFiles();
        var processes = root.TrackProcesses.ToImmutableArray();
        var bfds = ValidateBfdInstances();
        var instances = ValidateInstances(global, scripts, trackFiles, processes, bfds);
        var syncGroups = ValidateSyncGroups(ref instances, scripts, trackFiles, processes, bfds);
        var statics = ValidateStatic(global);
        var garpGroups = ValidateGarpGroups();
        ValidateInterfaceLists();
        var groups = ValidateVirtualServerGroups();
        var servers = ValidateVirtualServers(global, groups, trackFiles);

        if (_missingInterface)
        {
            _diag.Error(null, null, "Non-existent interface specified in configuration");
        }

        ReportScriptSecurity(global);

        return new KeepalivedConfig
        {
            Global = global,
            LinkbeatInterfaces = [.. root.LinkbeatInterfaces],
            InterfaceUpDownDelays = [.. root.InterfaceUpDownDelays],
            TrackGroups = [.. root.TrackGroups],
            StaticAddresses = statics.Addresses,
            StaticRoutes = statics.Routes,
            StaticRules = statics.Rules,
            TrackFiles = trackFiles,
            TrackProcesses = processes,
            BfdInstances = bfds,
            VrrpScripts = scripts,
            SyncGroups = syncGroups,
            GarpGroups = garpGroups,
            VrrpInstances = instances,
            Ssl = root.Ssl,
            VirtualServerGroups = groups,
            VirtualServers = servers,
        };
    }

    /// <summary>True when the interface exists; remembers the answer (the host is asked once per name).</summary>
    private bool InterfaceExists(string name)
    {
        if (!_interfaceCache.TryGetValue(name, out var exists))
        {
            exists = host.InterfaceExists(name);
            _interfaceCache[name] = exists;
        }

        return exists;
    }

    /// <summary>Reports a missing interface unless <c>dynamic_interfaces</c> allows it.</summary>
    private bool CheckInterface(string name, SourceLocation? at, string message)
    {
        if (InterfaceExists(name))
        {
            return true;
        }

        if (root.Global.DynamicInterfaces)
        {
            return false;
        }

        _diag.Error(at, null, message);
        _missingInterface = true;
        return false;
    }

    private SourceLocation? Loc(string keyword) => context.Locations.TryGetValue(keyword, out var l) ? l : null;

    private GlobalDefsConfig ValidateGlobal(GlobalDefsConfig g)
    {
        if (g.SmtpServer is { Address: null } smtp && !host.CanResolveHostName(smtp.Host))
        {
            _diag.Error(Loc("smtp_server"), "smtp_server", $"Invalid smtp server {smtp.Host} {smtp.Port}", "the host name does not resolve");
            g = g with { SmtpServer = null };
        }

        if (g.LvsSyncDaemon is { } sync && sync.VrrpInstance is { } vi && !root.VrrpInstances.Exists(i => i.Name == vi))
        {
            _diag.Error(Loc("lvs_sync_daemon"), "lvs_sync_daemon", $"lvs_sync_daemon vrrp instance {vi} not found - ignoring");
            g = g with { LvsSyncDaemon = sync with { VrrpInstance = null } };
        }

        return g;
    }
}
