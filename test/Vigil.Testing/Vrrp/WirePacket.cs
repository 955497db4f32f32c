using System.Net;

namespace Vigil.Testing.Vrrp;

/// <summary>One advert as it went on the simulated wire.</summary>
/// <param name="At">Virtual time it was sent.</param>
/// <param name="From">Sending router.</param>
/// <param name="Source">IP source.</param>
/// <param name="Destination">IP destination (multicast group or unicast peer).</param>
/// <param name="Ttl">TTL / hop limit (null: kernel default, delivered as 64).</param>
/// <param name="Payload">The VRRP bytes as encoded by the sender.</param>
public sealed record WirePacket(TimeSpan At, string From, IPAddress Source, IPAddress Destination, byte? Ttl, byte[] Payload)
{
    /// <summary>Advertised priority (byte 2).</summary>
    public int Priority => Payload.Length > 2 ? Payload[2] : -1;

    /// <summary>VRID (byte 1).</summary>
    public int Vrid => Payload.Length > 1 ? Payload[1] : -1;
}
