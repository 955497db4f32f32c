using System.Net;

namespace Vigil.Vrrp.Engine;

/// <summary>One GARP (IPv4) or unsolicited NA (IPv6) to send.</summary>
/// <param name="InstanceName">Instance that asked for it.</param>
/// <param name="InterfaceName">Interface carrying the address.</param>
/// <param name="Address">The VIP.</param>
internal readonly record struct Announcement(string InstanceName, string InterfaceName, IPAddress Address)
{
    public bool IsIpv6 => Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
}
