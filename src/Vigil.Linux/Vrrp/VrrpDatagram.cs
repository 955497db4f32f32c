using System.Net;

namespace Vigil.Linux.Vrrp;

/// <summary>
/// One received VRRP packet: <see cref="Payload"/> is the VRRP message (it refers to the caller's buffer; the IPv4
/// header is not included) and the metadata the receive checks need (reference §3.4): source and destination
/// address, TTL (IPv4 header byte 8) or hop limit (IPV6_HOPLIMIT), the IPv4 header's total length (0 for IPv6)
/// and the interface it arrived on (IP_PKTINFO / IPV6_PKTINFO).
/// </summary>
public sealed record VrrpDatagram(
    ReadOnlyMemory<byte> Payload,
    IPAddress Source,
    IPAddress Destination,
    int HopLimit,
    int IpTotalLength,
    int IpHeaderLength,
    int InterfaceIndex);
