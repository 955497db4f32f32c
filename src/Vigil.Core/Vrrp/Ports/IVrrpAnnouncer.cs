using System.Net;

namespace Vigil.Vrrp.Ports;

/// <summary>Sends gratuitous ARPs and unsolicited neighbour advertisements (AF_PACKET / ICMPv6 on Linux).</summary>
/// <remarks>
/// One call is one message: repeats and the <c>vrrp_garp_interval</c> / <c>vrrp_gna_interval</c> spacing are the
/// engine's job.
/// </remarks>
public interface IVrrpAnnouncer
{
    /// <summary>
    /// ARP request, Ethernet broadcast, sender MAC = the interface's MAC, sender IP = target IP =
    /// <paramref name="address"/>, target MAC ff:ff:ff:ff:ff:ff (reference §3.8; keepalived 2.2.7 capture
    /// <c>garp.hex</c>). Not sent on NOARP interfaces.
    /// </summary>
    /// <param name="interfaceName">Interface carrying the VIP.</param>
    /// <param name="address">The IPv4 VIP.</param>
    void SendGratuitousArp(string interfaceName, IPAddress address);

    /// <summary>
    /// Unsolicited NA to ff02::1 from <paramref name="address"/>, hop limit 255, Override flag (Router flag if the
    /// interface forwards), target = <paramref name="address"/>, Target Link-Layer Address option.
    /// </summary>
    /// <param name="interfaceName">Interface carrying the VIP.</param>
    /// <param name="address">The IPv6 VIP.</param>
    void SendUnsolicitedNeighborAdvert(string interfaceName, IPAddress address);
}
