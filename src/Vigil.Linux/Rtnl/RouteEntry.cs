using System.Net;
using System.Net.Sockets;

namespace Vigil.Linux.Rtnl;

/// <summary>
/// A route as RTM_NEWROUTE/RTM_DELROUTE carry it (ip-route(8) terms in brackets). Used both to add/delete and
/// as the result of a dump. <see cref="Destination"/> null with prefix 0 is "default". <see cref="Scope"/> null
/// means "as ip-route(8) chooses": host for local/nat routes, link for broadcast/multicast/anycast and for
/// unicast routes without gateway or nexthops, global otherwise. <see cref="Protocol"/> defaults to 18
/// (RTPROT_KEEPALIVED), which is how keepalived tags its virtual routes (reference §3.10).
/// </summary>
public sealed record RouteEntry(AddressFamily Family)
{
    public IPAddress? Destination { get; init; }

    public int DestinationPrefixLength { get; init; }

    /// <summary>Source prefix ["from"] (RTA_SRC; IPv6 only in the kernel).</summary>
    public IPAddress? Source { get; init; }

    public int SourcePrefixLength { get; init; }

    /// <summary>["via"]: RTA_GATEWAY when the same family as the route, RTA_VIA otherwise ("via inet6 …").</summary>
    public IPAddress? Gateway { get; init; }

    /// <summary>["dev"] RTA_OIF; 0 = none.</summary>
    public int OutputInterface { get; init; }

    /// <summary>["src"] RTA_PREFSRC.</summary>
    public IPAddress? PreferredSource { get; init; }

    /// <summary>["table"]; 254 main, 255 local; ids above 255 go in RTA_TABLE.</summary>
    public uint Table { get; init; } = RtnlConstants.RT_TABLE_MAIN;

    /// <summary>["metric"/"preference"] RTA_PRIORITY.</summary>
    public uint? Metric { get; init; }

    public RouteScope? Scope { get; init; }

    public RouteType Type { get; init; } = RouteType.Unicast;

    public byte Tos { get; init; }

    public byte Protocol { get; init; } = RtnlConstants.RTPROT_KEEPALIVED;

    /// <summary>["onlink"] RTNH_F_ONLINK in rtm_flags.</summary>
    public bool OnLink { get; init; }

    /// <summary>["realms"] RTA_FLOW.</summary>
    public uint? Realms { get; init; }

    /// <summary>["pref low|medium|high"] RTA_PREF, IPv6 only: 3 low, 0 medium, 1 high.</summary>
    public byte? Ipv6Preference { get; init; }

    /// <summary>["expires"] RTA_EXPIRES seconds (IPv6).</summary>
    public uint? Expires { get; init; }

    public IReadOnlyList<RouteMetric> Metrics { get; init; } = [];

    /// <summary>["congctl [lock] NAME"] RTAX_CC_ALGO.</summary>
    public string? CongestionControl { get; init; }

    public bool CongestionControlLocked { get; init; }

    /// <summary>["nexthop …"] RTA_MULTIPATH; empty for a single-path route.</summary>
    public IReadOnlyList<RouteNextHop> NextHops { get; init; } = [];

    /// <summary>The metric of that type, or null.</summary>
    public uint? MetricValue(ushort type) => Metrics.FirstOrDefault(m => m.Type == type)?.Value;
}
