using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Vigil.Testing;

namespace Vigil.Integration.Tests.Lb;

/// <summary>A recording SMTP server inside a namespace: answers every mail with the usual replies and keeps the lines.</summary>
public sealed class LbSmtpSink : IDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly Task _loop;

    public LbSmtpSink(NetNs ns, IPAddress address, int port)
    {
        _listener = ns.Run(() =>
        {
            var l = new TcpListener(address, port);
            l.Start();
            return l;
        });
        _loop = Task.Run(AcceptLoop);
    }

    /// <summary>Every <c>Subject:</c> received so far, in order.</summary>
    public IReadOnlyList<string> Subjects => [.. _lines.Where(l => l.StartsWith("Subject: ", StringComparison.Ordinal)).Select(l => l["Subject: ".Length..])];

    private async Task AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            try
            {
                await Serve(client);
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
            {
            }
        }
    }

    private async Task Serve(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            var reader = new StreamReader(stream, Encoding.ASCII);
            async Task Reply(string s) => await stream.WriteAsync(Encoding.ASCII.GetBytes(s + "\r\n"), _stop.Token);
            await Reply("220 ready");
            var inData = false;
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                _lines.Enqueue(line);
                if (inData)
                {
                    if (line == ".")
                    {
                        inData = false;
                        await Reply("250 queued");
                    }

                    continue;
                }

                if (line.StartsWith("DATA", StringComparison.Ordinal))
                {
                    inData = true;
                    await Reply("354 go");
                }
                else if (line.StartsWith("QUIT", StringComparison.Ordinal))
                {
                    await Reply("221 bye");
                    return;
                }
                else
                {
                    await Reply("250 ok");
                }
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _loop.Wait(TimeSpan.FromSeconds(2));
        _stop.Dispose();
    }
}
