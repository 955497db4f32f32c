using System.Net;

namespace Vigil.Linux.Rtnl;

/// <summary>
/// One path of a multipath route (struct rtnexthop + RTA_GATEWAY/RTA_VIA): ip-route(8) "nexthop via ADDR dev
/// IF weight N onlink". <see cref="Weight"/> is 1..256 (sent as rtnh_hops = weight − 1).
/// </summary>
public sealed record RouteNextHop(IPAddress? Gateway, int InterfaceIndex, int Weight = 1, bool OnLink = false);
