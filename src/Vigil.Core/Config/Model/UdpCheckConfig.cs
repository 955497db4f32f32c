using System.Collections.Immutable;
using System.Net;
using System.Text.Json.Serialization;

namespace Vigil.Config.Model;

/// <summary><c>UDP_CHECK</c>: send a payload; optionally require a reply matching a pattern.</summary>
public sealed record UdpCheckConfig : CheckerConfig
{
    public override CheckerKind Kind => CheckerKind.UdpCheck;

    public ImmutableArray<byte> Payload { get; init; } = [];

    public bool RequireReply { get; init; }

    /// <summary>Expected reply bytes; <see cref="ReplyMask"/> has 0 bits where the pattern had X wildcards.</summary>
    public ImmutableArray<byte> ReplyPattern { get; init; } = [];

    public ImmutableArray<byte> ReplyMask { get; init; } = [];

    public int MinReplyLength { get; init; }

    public int MaxReplyLength { get; init; } = 255;
}
