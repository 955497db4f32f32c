using System.Collections.Immutable;
using System.Net;
using System.Text.Json.Serialization;

namespace Vigil.Config.Model;

/// <summary>One <c>url { }</c> of HTTP_GET/SSL_GET.</summary>
public sealed record UrlConfig
{
    public string Path { get; init; } = "/";

    /// <summary>Expected MD5 of the body, 32 lower-case hex characters.</summary>
    public string? Digest { get; init; }

    /// <summary>Accepted status codes (default 200-299).</summary>
    public ImmutableArray<StatusCodeRange> StatusCodes { get; init; } = [new StatusCodeRange(200, 299)];

    public string? VirtualHost { get; init; }

    public string? Regex { get; init; }

    public bool RegexNoMatch { get; init; }

    public ImmutableArray<string> RegexOptions { get; init; } = [];

    public int? RegexStackStart { get; init; }

    public int? RegexStackMax { get; init; }

    public int? RegexMinOffset { get; init; }

    public int? RegexMaxOffset { get; init; }

    public bool TlsCompliant { get; init; }

    public SourceLocation Location { get; init; }
}
