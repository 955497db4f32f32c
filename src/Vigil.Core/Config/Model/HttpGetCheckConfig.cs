using System.Collections.Immutable;
using System.Net;
using System.Text.Json.Serialization;

namespace Vigil.Config.Model;

/// <summary><c>HTTP_GET</c> / <c>SSL_GET</c> (<see cref="UseTls"/>): GET each URL, check status (default 200-299), digest, regex.</summary>
public sealed record HttpGetCheckConfig : CheckerConfig
{
    public override CheckerKind Kind => UseTls ? CheckerKind.SslGet : CheckerKind.HttpGet;

    public bool UseTls { get; init; }

    public HttpProtocolVersion HttpProtocol { get; init; } = HttpProtocolVersion.Http10;

    /// <summary>Host header default for URLs without one (resolved: checker, else real server, else virtual server).</summary>
    public string? VirtualHost { get; init; }

    public bool FastRecovery { get; init; }

    public bool EnableSni { get; init; }

    public string? SniName { get; init; }

    public bool TlsCompliant { get; init; }

    public ImmutableArray<UrlConfig> Urls { get; init; } = [];
}
