namespace Vigil.Checkers;

/// <summary>
/// The global <c>SSL { }</c> block used by SSL_GET: client certificate and key (PEM files) and the key's
/// password. keepalived does not verify the server's certificate; <c>ca</c> is kept for completeness.
/// </summary>
public sealed record SslClientSettings
{
    /// <summary><c>password</c> of the private key.</summary>
    public string? Password { get; init; }

    /// <summary><c>ca</c>: CA file.</summary>
    public string? CertificateAuthorityFile { get; init; }

    /// <summary><c>certificate</c>: client certificate (PEM).</summary>
    public string? CertificateFile { get; init; }

    /// <summary><c>key</c>: client private key (PEM).</summary>
    public string? KeyFile { get; init; }
}
