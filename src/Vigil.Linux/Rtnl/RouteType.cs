namespace Vigil.Linux.Rtnl;

/// <summary>rtm_type values (linux/rtnetlink.h RTN_*), as ip-route(8) TYPE.</summary>
public enum RouteType : byte
{
    Unspecified = 0,
    Unicast = 1,
    Local = 2,
    Broadcast = 3,
    Anycast = 4,
    Multicast = 5,
    Blackhole = 6,
    Unreachable = 7,
    Prohibit = 8,
    Throw = 9,
    Nat = 10,
}
