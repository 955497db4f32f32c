using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;

namespace Vigil.Config.Model;

/// <summary><c>bfd_instance NAME</c> (RFC 5880 session) with keepalived's defaults.</summary>
public sealed record BfdInstanceConfig
{
    public required string Name { get; init; }

    public IPAddress? Neighbor { get; init; }

    public IPAddress? Source { get; init; }

    /// <summary>Required min RX interval (default 10 ms).</summary>
    public TimeSpan MinRx { get; init; } = TimeSpan.FromMilliseconds(10);

    public TimeSpan MinTx { get; init; } = TimeSpan.FromMilliseconds(10);

    public TimeSpan IdleTx { get; init; } = TimeSpan.FromMilliseconds(1000);

    public int Multiplier { get; init; } = 5;

    public bool Passive { get; init; }

    public int Ttl { get; init; } = 255;

    public int HopLimit { get; init; } = 64;

    public int MaxHops { get; init; }

    public bool Multihop { get; init; }

    public int Weight { get; init; }

    public bool Reverse { get; init; }

    /// <summary>Send events to the VRRP side (default both).</summary>
    public bool NotifyVrrp { get; init; } = true;

    public bool NotifyChecker { get; init; } = true;

    public SourceLocation Location { get; init; }
}
