using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;

namespace Vigil.Config.Model;

/// <summary>The <c>SSL</c> block: client credentials for SSL_GET (none = keepalived generates a context).</summary>
public sealed record SslConfig
{
    public string? Password { get; init; }

    public string? CaFile { get; init; }

    public string? CertificateFile { get; init; }

    public string? KeyFile { get; init; }
}
