namespace Vigil.Lb;

/// <summary>
/// Forwarding method of a real server (keepalived <c>lvs_method NAT|DR|TUN</c>, default NAT).
/// </summary>
public enum LvsMethod
{
    /// <summary>NAT (IPVS masquerading, IP_VS_CONN_F_MASQ).</summary>
    Nat,

    /// <summary>Direct routing (IP_VS_CONN_F_DROUTE).</summary>
    Dr,

    /// <summary>Tunnelling (IP_VS_CONN_F_TUNNEL) with <see cref="TunnelType"/>.</summary>
    Tun,

    /// <summary>
    /// Never requested: the kernel reports IP_VS_CONN_F_LOCALNODE when a destination address is local to
    /// the director (it rewrites the method when the destination is added). The diff treats it as equal
    /// to any requested method so such a destination is not edited forever.
    /// </summary>
    Local,
}
