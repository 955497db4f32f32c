using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Vigil.Linux.Checkers.Tests;

/// <summary>A TCP server whose connection handling is the test's; records what each client sent first.</summary>
public sealed class TcpTestServer : IDisposable
{
    private readonly Socket _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentBag<Socket> _held = [];

    public TcpTestServer(IPAddress address, Func<TcpTestServer, Socket, Task> handle, int port = 0)
    {
        _listener = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        _listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Bind(new IPEndPoint(address, port));
        _listener.Listen(512);
        Port = ((IPEndPoint)_listener.LocalEndPoint!).Port;
        _ = AcceptLoop(handle);
    }

    public int Port { get; }

    public ConcurrentQueue<byte[]> Requests { get; } = new();

    public ConcurrentQueue<EndPoint> Peers { get; } = new();

    public int Accepted => Peers.Count;

    /// <summary>Keeps a connection open until the server is disposed (black-hole behaviour).</summary>
    public void Hold(Socket s) => _held.Add(s);

    /// <summary>Reads until CRLFCRLF (or close / 64 KiB) and records it.</summary>
    public async Task<byte[]> ReadRequestAsync(Stream s)
    {
        var buf = new MemoryStream();
        var one = new byte[4096];
        while (buf.Length < 65536)
        {
            var n = await s.ReadAsync(one, _stop.Token);
            if (n == 0)
            {
                break;
            }

            buf.Write(one, 0, n);
            if (buf.ToArray().AsSpan().IndexOf("\r\n\r\n"u8) >= 0)
            {
                break;
            }
        }

        var bytes = buf.ToArray();
        Requests.Enqueue(bytes);
        return bytes;
    }

    public CancellationToken Stopping => _stop.Token;

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Dispose();
        foreach (var s in _held)
        {
            s.Dispose();
        }
    }

    private async Task AcceptLoop(Func<TcpTestServer, Socket, Task> handle)
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket s;
            try
            {
                s = await _listener.AcceptAsync(_stop.Token);
            }
            catch (Exception)
            {
                return;
            }

            Peers.Enqueue(s.RemoteEndPoint!);
            _ = Task.Run(async () =>
            {
                try
                {
                    await handle(this, s);
                }
                catch (Exception)
                {
                }
            });
        }
    }

    /// <summary>An HTTP server answering every request with <paramref name="response"/> then closing.</summary>
    public static TcpTestServer Http(IPAddress address, byte[] response, int port = 0) => new(address, async (srv, s) =>
    {
        using (s)
        {
            await using var ns = new NetworkStream(s);
            await srv.ReadRequestAsync(ns);
            await ns.WriteAsync(response, srv.Stopping);
            s.Shutdown(SocketShutdown.Send);
        }
    }, port);

    public static byte[] Response(int status, string body, string reason = "OK") =>
        Encoding.ASCII.GetBytes($"HTTP/1.0 {status} {reason}\r\nContent-Type: text/plain\r\n\r\n{body}");

    /// <summary>Accepts and never answers.</summary>
    public static TcpTestServer Silent(IPAddress address) => new(address, (srv, s) =>
    {
        srv.Hold(s);
        return Task.CompletedTask;
    });

    /// <summary>Answers with bytes that are not HTTP and closes.</summary>
    public static TcpTestServer Garbage(IPAddress address) => new(address, async (srv, s) =>
    {
        using (s)
        {
            await using var ns = new NetworkStream(s);
            await srv.ReadRequestAsync(ns);
            await ns.WriteAsync("\u0016\u0003garbage without any header end"u8.ToArray(), srv.Stopping);
        }
    });

    /// <summary>Resets the connection after reading the request.</summary>
    public static TcpTestServer Reset(IPAddress address) => new(address, async (srv, s) =>
    {
        await using var ns = new NetworkStream(s);
        await srv.ReadRequestAsync(ns);
        s.LingerState = new LingerOption(true, 0);
        s.Close();
    });

    /// <summary>Sends a valid header and then body bytes forever.</summary>
    public static TcpTestServer Endless(IPAddress address) => new(address, async (srv, s) =>
    {
        using (s)
        {
            await using var ns = new NetworkStream(s);
            await srv.ReadRequestAsync(ns);
            await ns.WriteAsync("HTTP/1.0 200 OK\r\n\r\n"u8.ToArray(), srv.Stopping);
            var chunk = new byte[64 * 1024];
            while (!srv.Stopping.IsCancellationRequested)
            {
                await ns.WriteAsync(chunk, srv.Stopping);
            }
        }
    });

    /// <summary>A TLS HTTP server; records the SNI each client sent and the client certificate subject.</summary>
    public static TcpTestServer Https(IPAddress address, X509Certificate2 certificate, byte[] response, ConcurrentQueue<string?> sni, ConcurrentQueue<string?> clientCerts, bool requireClientCert) =>
        new(address, async (srv, s) =>
        {
            using (s)
            {
                await using var ns = new NetworkStream(s);
                await using var ssl = new SslStream(ns);
                await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
                {
                    ServerCertificateSelectionCallback = (_, name) =>
                    {
                        sni.Enqueue(string.IsNullOrEmpty(name) ? null : name);
                        return certificate;
                    },
                    ClientCertificateRequired = requireClientCert,
                    RemoteCertificateValidationCallback = (_, cert, _, _) =>
                    {
                        clientCerts.Enqueue(cert?.Subject);
                        return true;
                    },
                }, srv.Stopping);
                await srv.ReadRequestAsync(ssl);
                await ssl.WriteAsync(response, srv.Stopping);
                await ssl.ShutdownAsync();
            }
        });

    /// <summary>An SMTP server following <paramref name="script"/>: greeting, then a reply per command.</summary>
    public static TcpTestServer Smtp(IPAddress address, string greeting, Func<string, string?> reply, ConcurrentQueue<string> commands) => new(address, async (srv, s) =>
    {
        using (s)
        {
            await using var ns = new NetworkStream(s);
            using var reader = new StreamReader(ns, Encoding.ASCII);
            await ns.WriteAsync(Encoding.ASCII.GetBytes(greeting), srv.Stopping);
            while (await reader.ReadLineAsync(srv.Stopping) is { } line)
            {
                commands.Enqueue(line);
                var r = reply(line);
                if (r is null)
                {
                    return;
                }

                await ns.WriteAsync(Encoding.ASCII.GetBytes(r), srv.Stopping);
            }
        }
    });
}
