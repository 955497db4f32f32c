using System.Security.Cryptography.X509Certificates;

namespace Vigil.Linux.Checkers;

/// <summary>TLS parameters of SSL_GET / genhash -S: SNI, client certificate, close_notify.</summary>
internal sealed record HttpTls(string? SniName, X509Certificate2Collection? ClientCertificates, bool SendCloseNotify);
