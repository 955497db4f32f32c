using System.Net;

namespace Vigil.Vrrp;

/// <summary>One entry of <c>unicast_peer { IP [min_ttl N] [max_ttl N] }</c>.</summary>
/// <param name="Address">The peer.</param>
public sealed record VrrpUnicastPeer(IPAddress Address)
{
    /// <summary><c>min_ttl</c>: adverts from this peer with a lower TTL/hop limit are dropped.</summary>
    public byte? MinTtl { get; init; }

    /// <summary><c>max_ttl</c>: adverts from this peer with a higher TTL/hop limit are dropped.</summary>
    public byte? MaxTtl { get; init; }
}
