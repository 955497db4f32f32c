using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;

namespace Vigil.Config.Model;

/// <summary>
/// A whole keepalived configuration, parsed, validated and resolved: defaults applied (keepalived 2.2.7's), global
/// defaults pushed into instances, virtual server → real server → checker inheritance done, references resolved.
/// Entries keepalived would drop (invalid values, unknown references) are already dropped, with a diagnostic.
/// </summary>
public sealed record KeepalivedConfig
{
    public GlobalDefsConfig Global { get; init; } = new();

    public ImmutableArray<LinkbeatInterfaceConfig> LinkbeatInterfaces { get; init; } = [];

    public ImmutableArray<InterfaceUpDownDelayConfig> InterfaceUpDownDelays { get; init; } = [];

    public ImmutableArray<TrackGroupConfig> TrackGroups { get; init; } = [];

    public ImmutableArray<IpAddressConfig> StaticAddresses { get; init; } = [];

    public ImmutableArray<RouteConfig> StaticRoutes { get; init; } = [];

    public ImmutableArray<RuleConfig> StaticRules { get; init; } = [];

    public ImmutableArray<TrackFileConfig> TrackFiles { get; init; } = [];

    public ImmutableArray<TrackProcessConfig> TrackProcesses { get; init; } = [];

    public ImmutableArray<BfdInstanceConfig> BfdInstances { get; init; } = [];

    public ImmutableArray<VrrpScriptConfig> VrrpScripts { get; init; } = [];

    public ImmutableArray<VrrpSyncGroupConfig> SyncGroups { get; init; } = [];

    public ImmutableArray<GarpGroupConfig> GarpGroups { get; init; } = [];

    public ImmutableArray<VrrpInstanceConfig> VrrpInstances { get; init; } = [];

    /// <summary>The <c>SSL</c> block (client certificate for SSL_GET); null when absent.</summary>
    public SslConfig? Ssl { get; init; }

    public ImmutableArray<VirtualServerGroupConfig> VirtualServerGroups { get; init; } = [];

    public ImmutableArray<VirtualServerConfig> VirtualServers { get; init; } = [];

    /// <summary>True when any VRRP, tracking or static network configuration exists (keepalived starts its VRRP child).</summary>
    public bool HasVrrpConfiguration => !VrrpInstances.IsEmpty || !StaticAddresses.IsEmpty || !StaticRoutes.IsEmpty || !StaticRules.IsEmpty;

    /// <summary>True when any virtual server exists (keepalived starts its checker child).</summary>
    public bool HasCheckerConfiguration => !VirtualServers.IsEmpty;
}
