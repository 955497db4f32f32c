namespace Vigil.Vrrp.Packet;

/// <summary>Which bytes the VRRP checksum covers.</summary>
internal enum VrrpChecksumMode : byte
{
    /// <summary>RFC 3768 §5.3.8: the VRRP message only (VRRPv2; also VRRPv3 with <c>v3_checksum_as_v2</c>, RFC 9568).</summary>
    MessageOnly,

    /// <summary>
    /// RFC 5798 §5.2.8 as keepalived reads it: a pseudo-header {source, destination, 0, 112, length} precedes the
    /// message (keepalived's default for VRRPv3 over IPv4; always the case for IPv6, RFC 8200 §8.1).
    /// </summary>
    PseudoHeader,
}
