using System.Buffers;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace Vigil.Linux.Checkers;

/// <summary>One HTTP exchange over TCP or TLS: connect, send the request, read until close into a reader.</summary>
internal static class HttpFetch
{
    public static async Task RunAsync(ProbeTarget target, HttpTls? tls, byte[] request, HttpResponseReader reader, CancellationToken cancellationToken)
    {
        using var socket = await ProbeSockets.ConnectTcpAsync(target, cancellationToken).ConfigureAwait(false);
        await using var network = new NetworkStream(socket, ownsSocket: false);
        Stream stream = network;
        SslStream? ssl = null;
        try
        {
            if (tls is not null)
            {
                ssl = new SslStream(network, leaveInnerStreamOpen: true);
                var options = new SslClientAuthenticationOptions
                {
                    // keepalived does not verify the server certificate (no "ca" check by default).
                    RemoteCertificateValidationCallback = static (_, _, _, _) => true,
                    TargetHost = tls.SniName ?? string.Empty,
                    ClientCertificates = tls.ClientCertificates,
                    CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
                    EnabledSslProtocols = SslProtocols.None,
                };
                await ssl.AuthenticateAsClientAsync(options, cancellationToken).ConfigureAwait(false);
                stream = ssl;
            }

            await stream.WriteAsync(request, cancellationToken).ConfigureAwait(false);
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
            try
            {
                while (true)
                {
                    var n = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
                    if (n == 0)
                    {
                        break;
                    }

                    if (!reader.Feed(buffer.AsSpan(0, n)))
                    {
                        throw new ResponseTooLargeException(reader.MaxBytes);
                    }
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }

            if (ssl is not null && tls!.SendCloseNotify)
            {
                try
                {
                    await ssl.ShutdownAsync().ConfigureAwait(false);
                }
                catch (IOException)
                {
                }
            }
        }
        finally
        {
            if (ssl is not null)
            {
                await ssl.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
