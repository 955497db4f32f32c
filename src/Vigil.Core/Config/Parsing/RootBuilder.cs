using Vigil.Config.Model;

namespace Vigil.Config.Parsing;

/// <summary>The configuration being built, in the order blocks were written.</summary>
internal sealed class RootBuilder
{
    public GlobalDefsConfig Global { get; set; } = new();

    /// <summary>Where global keywords were written (for diagnostics found later, e.g. an unknown script_user).</summary>
    public Dictionary<string, SourceLocation> GlobalLocations { get; } = new(StringComparer.Ordinal);

    public List<LinkbeatInterfaceConfig> LinkbeatInterfaces { get; } = [];

    public List<InterfaceUpDownDelayConfig> InterfaceUpDownDelays { get; } = [];

    public List<TrackGroupConfig> TrackGroups { get; } = [];

    public List<IpAddressConfig> StaticAddresses { get; } = [];

    public List<RouteConfig> StaticRoutes { get; } = [];

    public List<RuleConfig> StaticRules { get; } = [];

    public List<TrackFileConfig> TrackFiles { get; } = [];

    public List<TrackProcessConfig> TrackProcesses { get; } = [];

    public List<BfdInstanceConfig> BfdInstances { get; } = [];

    public List<VrrpScriptConfig> VrrpScripts { get; } = [];

    public List<VrrpSyncGroupConfig> SyncGroups { get; } = [];

    public List<GarpGroupConfig> GarpGroups { get; } = [];

    public List<VrrpInstanceConfig> VrrpInstances { get; } = [];

    public SslConfig? Ssl { get; set; }

    public List<VirtualServerGroupConfig> VirtualServerGroups { get; } = [];

    public List<VirtualServerConfig> VirtualServers { get; } = [];
}
