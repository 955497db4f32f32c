namespace Vigil.Linux.Rtnl;

/// <summary>enum rt_scope_t (linux/rtnetlink.h); also used for address scopes (/etc/iproute2/rt_scopes).</summary>
public enum RouteScope : byte
{
    Universe = 0,
    Site = 200,
    Link = 253,
    Host = 254,
    Nowhere = 255,
}
