using System.Net;
using System.Net.Sockets;

namespace Vigil.Linux.Vrrp;

/// <summary>
/// What a <see cref="VrrpSocket"/> is for: one (interface, family, unicast source). Without
/// <see cref="UnicastSource"/> the socket is in multicast mode: it joins <see cref="MulticastGroup"/> on the
/// interface and receives only adverts sent to that group. With it, the socket is in unicast mode: it receives
/// only adverts addressed to that address (bound with IP_FREEBIND, so the address may appear later).
/// </summary>
public sealed record VrrpSocketOptions(string InterfaceName, AddressFamily Family)
{
    public static readonly IPAddress DefaultGroupV4 = IPAddress.Parse("224.0.0.18");
    public static readonly IPAddress DefaultGroupV6 = IPAddress.Parse("ff02::12");

    public IPAddress? UnicastSource { get; init; }

    /// <summary>vrrp_mcast_group4/6 or mcast_dst_ip; null = 224.0.0.18 / ff02::12.</summary>
    public IPAddress? MulticastGroup { get; init; }

    /// <summary>
    /// TTL / hop limit of unicast adverts (keepalived unicast_ttl). Null: 255 for IPv4, as keepalived sends; the
    /// kernel default (usually 64) for IPv6 (reference §3.1). Multicast adverts always carry 255.
    /// </summary>
    public int? UnicastTtl { get; init; }

    /// <summary>Socket receive buffer in bytes (0 = kernel default).</summary>
    public int ReceiveBufferBytes { get; init; } = 256 * 1024;

    public IPAddress Group => MulticastGroup ?? (Family == AddressFamily.InterNetworkV6 ? DefaultGroupV6 : DefaultGroupV4);

    public bool IsUnicast => UnicastSource is not null;
}
