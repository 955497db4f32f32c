namespace Vigil.Integration.Tests.Vrrp;

/// <summary>The VRRP flavours of the interoperability matrix.</summary>
public enum InteropMode
{
    V2Multicast,
    V3Multicast,
    V3ChecksumAsV2,
    V2Unicast,
    V2UnicastRouted,
    V3Ipv6,
}
