using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Vigil.Testing.Servers;

/// <summary>
/// A minimal HTTP/1.0 server for namespace tests: its listening socket is created inside the namespace
/// (so it stays there), then an accept loop answers every request with 200 and its name as the body.
/// </summary>
public sealed class TinyHttpServer : IDisposable
{
    private readonly Socket _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public TinyHttpServer(NetNs ns, IPAddress address, int port, string name)
    {
        Name = name;
        _listener = ns.Run(() =>
        {
            var s = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            s.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            s.Bind(new IPEndPoint(address, port));
            s.Listen(64);
            return s;
        });
        _loop = Task.Run(AcceptLoop);
    }

    public string Name { get; }

    private int _requests;

    public int Requests => Volatile.Read(ref _requests);

    private async Task AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(async () =>
            {
                using (client)
                {
                    try
                    {
                        var buffer = new byte[4096];
                        var seen = "";
                        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                        while (!seen.Contains("\r\n\r\n", StringComparison.Ordinal))
                        {
                            var n = await client.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
                            if (n == 0)
                            {
                                break;
                            }

                            seen += Encoding.ASCII.GetString(buffer, 0, n);
                        }

                        Interlocked.Increment(ref _requests);
                        var body = Encoding.ASCII.GetBytes(Name);
                        await client.SendAsync(Encoding.ASCII.GetBytes($"HTTP/1.0 200 OK\r\nContent-Length: {body.Length}\r\n\r\n{Name}"), SocketFlags.None);
                        client.Shutdown(SocketShutdown.Both);
                    }
                    catch (Exception e) when (e is SocketException or OperationCanceledException)
                    {
                    }
                }
            });
        }
    }

    /// <summary>GET / from inside <paramref name="ns"/> (optionally from a given source address); returns the body or an error text.</summary>
    public static string Get(NetNs ns, IPAddress address, int port, IPAddress? source = null) => ns.Run(() =>
    {
        try
        {
            using var s = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            s.ReceiveTimeout = 3000;
            s.SendTimeout = 3000;
            if (source is not null)
            {
                s.Bind(new IPEndPoint(source, 0));
            }

            var connect = s.ConnectAsync(new IPEndPoint(address, port));
            if (!connect.Wait(TimeSpan.FromSeconds(3)))
            {
                return "timeout";
            }

            s.Send(Encoding.ASCII.GetBytes("GET / HTTP/1.0\r\n\r\n"));
            var response = new StringBuilder();
            var buffer = new byte[4096];
            int n;
            while ((n = s.Receive(buffer)) > 0)
            {
                response.Append(Encoding.ASCII.GetString(buffer, 0, n));
            }

            var text = response.ToString();
            var body = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            return body >= 0 ? text[(body + 4)..] : "bad response: " + text;
        }
        catch (Exception e) when (e is SocketException or AggregateException)
        {
            return "error: " + (e.InnerException ?? e).Message;
        }
    });

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Dispose();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(2));
        }
        catch (AggregateException)
        {
        }

        _stop.Dispose();
    }
}
