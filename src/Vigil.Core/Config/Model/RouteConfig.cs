using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;

namespace Vigil.Config.Model;

/// <summary>
/// A route of <c>virtual_routes</c> or <c>static_routes</c>, in iproute2 syntax (full option names only).
/// Routes are tagged protocol keepalived (18) so deleted ones can be detected and restored.
/// </summary>
public sealed record RouteConfig
{
    public AddressFamily Family { get; init; } = AddressFamily.InterNetwork;

    public RouteType Type { get; init; } = RouteType.Unicast;

    /// <summary>Destination; <c>default</c> is 0.0.0.0/0 or ::/0.</summary>
    public required IPAddress Destination { get; init; }

    public int DestinationPrefixLength { get; init; }

    /// <summary><c>src ADDR</c>: preferred source address.</summary>
    public IPAddress? PreferredSource { get; init; }

    /// <summary><c>from PREFIX</c>: source prefix (IPv6 source routing).</summary>
    public IPAddress? From { get; init; }

    public int FromPrefixLength { get; init; }

    public IPAddress? Via { get; init; }

    /// <summary>Deprecated <c>or ADDR</c> (a second gateway; use nexthop).</summary>
    public IPAddress? Or { get; init; }

    public string? Device { get; init; }

    public uint? Table { get; init; }

    public uint? Metric { get; init; }

    public byte? Tos { get; init; }

    /// <summary>rtm_protocol; keepalived forces 18 (RTPROT_KEEPALIVED) for tracked routes.</summary>
    public byte? Protocol { get; init; }

    public AddressScope? Scope { get; init; }

    public ImmutableArray<RouteMetric> Metrics { get; init; } = [];

    public string? Realms { get; init; }

    public bool FeaturesEcn { get; init; }

    public string? CongestionControl { get; init; }

    public bool CongestionControlLocked { get; init; }

    public int? FastOpenNoCookie { get; init; }

    public int? Preference { get; init; }

    public bool TtlPropagate { get; init; }

    public ImmutableArray<NextHopConfig> NextHops { get; init; } = [];

    public bool OnLink { get; init; }

    public string? Vrf { get; init; }

    /// <summary><c>append</c>: add after matching routes instead of before (prepend is keepalived's default).</summary>
    public bool Append { get; init; }

    public bool NoTrack { get; init; }

    public string? TrackGroup { get; init; }

    public SourceLocation Location { get; init; }
}
