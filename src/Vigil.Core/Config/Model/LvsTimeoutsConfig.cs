using System.Collections.Immutable;
using System.Net;

namespace Vigil.Config.Model;

/// <summary><c>lvs_timeouts [tcp S] [tcpfin S] [udp S]</c>; null = leave the kernel's value.</summary>
public sealed record LvsTimeoutsConfig
{
    public TimeSpan? Tcp { get; init; }

    public TimeSpan? TcpFin { get; init; }

    public TimeSpan? Udp { get; init; }
}
