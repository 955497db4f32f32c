using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;

namespace Vigil.Config.Model;

/// <summary>One <c>nexthop via ADDR dev IF weight N [onlink]</c> of a multipath route.</summary>
public sealed record NextHopConfig
{
    public IPAddress? Via { get; init; }

    public string? Device { get; init; }

    /// <summary>1..256 (default 1).</summary>
    public int Weight { get; init; } = 1;

    public bool OnLink { get; init; }

    public string? Realms { get; init; }
}
