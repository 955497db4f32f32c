namespace Vigil.Vrrp.Ports;

/// <summary>Puts VRRP adverts on the wire (raw IP protocol 112 sockets on Linux).</summary>
public interface IVrrpAdvertTransmitter
{
    /// <summary>
    /// Sends <paramref name="payload"/> (the complete VRRP message, checksum included; for IPv6 the kernel may
    /// recompute it with IPV6_CHECKSUM) as one IP packet. For IPv4 keepalived builds the header itself: TOS 0xC0,
    /// TTL <see cref="VrrpTransmitMeta.Ttl"/>, protocol 112, an ID that increments per packet.
    /// The span is only valid during the call. Failures are thrown; the engine logs them and carries on.
    /// </summary>
    /// <param name="meta">Addresses, interface, TTL.</param>
    /// <param name="payload">The VRRP message.</param>
    void Send(in VrrpTransmitMeta meta, ReadOnlySpan<byte> payload);
}
