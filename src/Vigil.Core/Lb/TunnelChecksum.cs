namespace Vigil.Lb;

/// <summary>
/// Checksum option of a GUE/GRE tunnel (keepalived <c>nocsum|csum|remcsum</c>). Values are linux/ip_vs.h
/// IP_VS_TUNNEL_ENCAP_FLAG_*; remcsum is GUE only.
/// </summary>
public enum TunnelChecksum
{
    NoCsum = 0,
    Csum = 1,
    RemCsum = 2,
}
