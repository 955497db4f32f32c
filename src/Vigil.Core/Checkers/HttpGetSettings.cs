using System.Collections.Immutable;

namespace Vigil.Checkers;

/// <summary><c>HTTP_GET</c> and <c>SSL_GET</c> (<see cref="UseSsl"/>).</summary>
public sealed record HttpGetSettings : CheckerSettings
{
    /// <summary>Responses are read at most to this many bytes (headers and body); more fails the check.</summary>
    public const int DefaultMaxResponseBytes = 4 * 1024 * 1024;

    public override CheckerKind Kind => UseSsl ? CheckerKind.SslGet : CheckerKind.HttpGet;

    /// <summary>True for <c>SSL_GET</c>.</summary>
    public bool UseSsl { get; init; }

    /// <summary><c>http_protocol</c>.</summary>
    public HttpProtocolVersion HttpProtocol { get; init; } = HttpProtocolVersion.Http10;

    /// <summary><c>virtualhost</c> of the checker; the real server's and then the service's apply when null.</summary>
    public string? VirtualHost { get; init; }

    /// <summary><c>fast_recovery</c>: no delay_loop between URLs while recovering.</summary>
    public bool FastRecovery { get; init; }

    /// <summary><c>enable_sni</c> (SSL_GET): send the virtual host as SNI.</summary>
    public bool EnableSni { get; init; }

    /// <summary><c>sni_name</c> (SSL_GET): SNI to send; implies SNI.</summary>
    public string? SniName { get; init; }

    /// <summary><c>tls_compliant</c> (SSL_GET): send close_notify before closing.</summary>
    public bool TlsCompliant { get; init; }

    /// <summary>The <c>url { }</c> blocks, checked in order.</summary>
    public ImmutableArray<HttpUrlSettings> Urls { get; init; } = [];

    /// <summary>The global <c>SSL { }</c> block (client certificate), for SSL_GET.</summary>
    public SslClientSettings? Ssl { get; init; }

    /// <summary>Bound on the bytes read per request (an endless body is a failure, not a hang).</summary>
    public int MaxResponseBytes { get; init; } = DefaultMaxResponseBytes;
}
