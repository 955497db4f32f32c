using System.Collections.Immutable;
using System.Net;

namespace Vigil.Vrrp.Packet;

/// <summary>A decoded (or to-be-encoded) VRRP ADVERTISEMENT.</summary>
/// <param name="Version">Protocol version.</param>
/// <param name="VirtualRouterId">VRID, 1-255.</param>
/// <param name="Priority">Sender's priority; 0 = the master is leaving (RFC 5798 §6.4.3).</param>
/// <param name="AdvertisementInterval">v2: whole seconds; v3: Max Advertise Interval, centisecond resolution.</param>
/// <param name="Addresses">The IPvX address list (keepalived's VIPs, not eVIPs).</param>
internal sealed record VrrpAdvert(
    VrrpVersion Version,
    byte VirtualRouterId,
    byte Priority,
    TimeSpan AdvertisementInterval,
    ImmutableArray<IPAddress> Addresses)
{
    /// <summary>VRRPv2 only.</summary>
    public VrrpAuthType AuthType { get; init; } = VrrpAuthType.None;

    /// <summary>VRRPv2 only: the 8 authentication bytes (zero for <see cref="VrrpAuthType.None"/>).</summary>
    public ImmutableArray<byte> AuthData { get; init; } = [];

    /// <summary>The checksum field as received (informational; encoding computes its own).</summary>
    public ushort Checksum { get; init; }
}
