using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Vigil.Bench.Server;

/// <summary>
/// One process serving N real servers: port 80 of 127.1.(i / 250).(i % 250 + 1) for i in 0..N-1. Every
/// connection is counted; one that sends a request (anything ending in an empty line) gets a small HTTP/1.0 200
/// and is counted again as an HTTP request. Every 250 ms the totals are written to STATS-FILE (atomically, by
/// rename) as "UPTIME-MS ACCEPTED HTTP", so a reader gets exact rates from the server's own clock.
///   vigil-bench-server N STATS-FILE
/// </summary>
internal static class Program
{
    private static readonly byte[] Response = "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 3\r\n\r\nok\n"u8.ToArray();
    private static long _accepted;
    private static long _http;

    public static async Task<int> Main(string[] args)
    {
        var count = int.Parse(args[0], CultureInfo.InvariantCulture);
        var statsFile = args[1];
        var listeners = new List<Socket>();
        for (var i = 0; i < count; i++)
        {
            listeners.Add(Listen(new IPEndPoint(IPAddress.Parse($"127.1.{i / 250}.{(i % 250) + 1}"), 80)));
        }

        foreach (var l in listeners)
        {
            _ = AcceptLoopAsync(l);
        }

        Console.WriteLine($"ready {count}");
        var tmp = statsFile + ".tmp";
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        do
        {
            var text = string.Create(CultureInfo.InvariantCulture, $"{Environment.TickCount64} {Interlocked.Read(ref _accepted)} {Interlocked.Read(ref _http)}\n");
            try
            {
                await File.WriteAllTextAsync(tmp, text, Encoding.ASCII);
                File.Move(tmp, statsFile, overwrite: true);
            }
            catch (IOException e)
            {
                Console.WriteLine($"stats: {e.Message}");
            }
        }
        while (await timer.WaitForNextTickAsync());
        return 0;
    }

    private static Socket Listen(IPEndPoint endPoint)
    {
        var l = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        l.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        l.Bind(endPoint);
        l.Listen(512);
        return l;
    }

    private static async Task AcceptLoopAsync(Socket listener)
    {
        while (true)
        {
            Socket s;
            try
            {
                s = await listener.AcceptAsync();
            }
            catch (SocketException)
            {
                await Task.Delay(10); // EMFILE and the like: do not spin
                continue;
            }

            Interlocked.Increment(ref _accepted);
            _ = ServeAsync(s);
        }
    }

    private static async Task ServeAsync(Socket s)
    {
        using (s)
        {
            try
            {
                var buf = new byte[2048];
                var used = 0;
                while (used < buf.Length)
                {
                    var n = await s.ReceiveAsync(buf.AsMemory(used), SocketFlags.None);
                    if (n == 0)
                    {
                        return; // a bare connect (TCP_CHECK) or a client that gave up
                    }

                    used += n;
                    if (buf.AsSpan(0, used).IndexOf("\r\n\r\n"u8) >= 0 || buf.AsSpan(0, used).IndexOf("\n\n"u8) >= 0)
                    {
                        break;
                    }
                }

                await s.SendAsync(Response, SocketFlags.None);
                Interlocked.Increment(ref _http);
                s.Shutdown(SocketShutdown.Both);
            }
            catch (SocketException)
            {
            }
        }
    }
}
