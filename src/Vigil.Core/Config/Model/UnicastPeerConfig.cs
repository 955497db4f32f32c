using System.Collections.Immutable;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Vigil.Config.Model;

/// <summary><c>unicast_peer</c> entry; a TTL range turns on the unicast source check.</summary>
public sealed record UnicastPeerConfig(IPAddress Address, SourceLocation Location)
{
    public int? MinTtl { get; init; }

    public int? MaxTtl { get; init; }
}
