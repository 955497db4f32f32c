namespace Vigil.Lb;

/// <summary>
/// Encapsulation of a TUN real server (keepalived <c>lvs_method TUN type ipip|gue port N|gre</c>).
/// Values are linux/ip_vs.h IP_VS_CONN_F_TUNNEL_TYPE_*.
/// </summary>
public enum TunnelType
{
    Ipip = 0,
    Gue = 1,
    Gre = 2,
}
