using System.Net;

namespace Vigil.Vrrp.Ports;

/// <summary>How to send one encoded advert.</summary>
/// <param name="InstanceName">For logs.</param>
/// <param name="InterfaceName">Send on this interface (keepalived binds its send socket with SO_BINDTODEVICE).</param>
/// <param name="Source">IP source address.</param>
/// <param name="Destination">The multicast group, or one unicast peer.</param>
/// <param name="Ttl">TTL / hop limit; null = the kernel default (IPv6 unicast without <c>unicast_ttl</c>).</param>
/// <param name="IsUnicast">Unicast peer (routed normally) rather than the multicast group (MSG_DONTROUTE).</param>
public readonly record struct VrrpTransmitMeta(
    string InstanceName,
    string InterfaceName,
    IPAddress Source,
    IPAddress Destination,
    byte? Ttl,
    bool IsUnicast);
