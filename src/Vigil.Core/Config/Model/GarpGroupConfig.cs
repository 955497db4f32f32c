using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;

namespace Vigil.Config.Model;

/// <summary><c>garp_group</c>: rate limits for gratuitous ARP / unsolicited NA on interfaces.</summary>
public sealed record GarpGroupConfig
{
    public TimeSpan? GarpInterval { get; init; }

    public TimeSpan? GnaInterval { get; init; }

    public ImmutableArray<string> Interfaces { get; init; } = [];

    public SourceLocation Location { get; init; }
}
