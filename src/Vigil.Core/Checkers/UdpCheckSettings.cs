using System.Collections.Immutable;

namespace Vigil.Checkers;

/// <summary>
/// <c>UDP_CHECK</c>: sends <c>payload</c> (random when absent); an ICMP unreachable fails the check.
/// With <c>require_reply</c> a reply must arrive, its length within [min, max] and, when a pattern is
/// given, matching it over the shorter of the two lengths (nibbles written X are wildcards).
/// </summary>
public sealed record UdpCheckSettings : CheckerSettings
{
    public override CheckerKind Kind => CheckerKind.Udp;

    /// <summary><c>payload</c> bytes; empty = keepalived's random payload.</summary>
    public ImmutableArray<byte> Payload { get; init; } = [];

    /// <summary><c>require_reply</c> given.</summary>
    public bool RequireReply { get; init; }

    /// <summary>The hex pattern after <c>require_reply</c>, or null.</summary>
    public HexPattern? ReplyPattern { get; init; }

    /// <summary><c>min_reply_length</c> (default 0).</summary>
    public int MinReplyLength { get; init; }

    /// <summary><c>max_reply_length</c> (default 255).</summary>
    public int MaxReplyLength { get; init; } = 255;
}
