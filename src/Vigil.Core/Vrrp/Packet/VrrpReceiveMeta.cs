using System.Net;

namespace Vigil.Vrrp.Packet;

/// <summary>
/// What the socket layer knows about a received VRRP payload besides its bytes.
/// </summary>
/// <param name="InterfaceName">Interface the packet arrived on (the engine demultiplexes on interface, family, VRID).</param>
/// <param name="Source">IP source address.</param>
/// <param name="Destination">IP destination address (the multicast group, or our address for unicast); it enters the
/// VRRPv3 pseudo-header checksum.</param>
/// <param name="TtlOrHopLimit">IPv4 TTL or IPv6 hop limit (RFC 5798 §5.1.1.3: must be 255 unless unicast).</param>
/// <param name="IsUnicast">The destination was a unicast address.</param>
public readonly record struct VrrpReceiveMeta(
    string InterfaceName,
    IPAddress Source,
    IPAddress Destination,
    byte TtlOrHopLimit,
    bool IsUnicast)
{
    /// <summary>Bytes of IP header before the payload (IPv4 IHL × 4; 40 for IPv6). Only used so that lengths in log
    /// lines match keepalived's, which counts the IP header.</summary>
    public int IpHeaderLength { get; init; }

    /// <summary>IP total length (IPv4 <c>tot_len</c>; IPv6 40 + payload length), when known. Payload bytes beyond it are
    /// link-layer padding and ignored; fewer bytes than it promises is a length error.</summary>
    public int? IpTotalLength { get; init; }
}
