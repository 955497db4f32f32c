using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Vigil.Testing.Servers;

/// <summary>
/// A recording SMTP server inside a namespace: answers every command like a real one (220, 250, 354, 221) and keeps
/// what each session's client wrote, CRLF-terminated, for the mail tests of both subsystems.
/// </summary>
public sealed class SmtpSink : IDisposable
{
    private readonly TcpListener _listener;
    private readonly List<string> _messages = [];
    private readonly Task _loop;

    /// <param name="ns">The namespace to listen in.</param>
    /// <param name="address">The address to listen on.</param>
    /// <param name="port">The port; 0 picks a free one (see <see cref="Port"/>).</param>
    public SmtpSink(NetNs ns, IPAddress address, int port = 0)
    {
        ArgumentNullException.ThrowIfNull(ns);
        _listener = ns.Run(() =>
        {
            var l = new TcpListener(address, port);
            l.Start();
            return l;
        });
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _loop = Task.Run(AcceptAsync);
    }

    public int Port { get; }

    /// <summary>Each finished or running session's client lines, in order of arrival.</summary>
    public IReadOnlyList<string> Messages
    {
        get
        {
            lock (_messages)
            {
                return [.. _messages];
            }
        }
    }

    /// <summary>Every <c>Subject:</c> received so far, in order.</summary>
    public IReadOnlyList<string> Subjects =>
        [.. Messages.SelectMany(m => m.Split("\r\n")).Where(l => l.StartsWith("Subject: ", StringComparison.Ordinal)).Select(l => l["Subject: ".Length..])];

    public void Dispose()
    {
        _listener.Stop();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }

    private async Task AcceptAsync()
    {
        while (true)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return;
            }

            using (client)
            {
                try
                {
                    var record = await ServeAsync(client.GetStream()).ConfigureAwait(false);
                    lock (_messages)
                    {
                        _messages.Add(record);
                    }
                }
                catch (Exception e) when (e is IOException or SocketException)
                {
                }
            }
        }
    }

    private static async Task<string> ServeAsync(NetworkStream stream)
    {
        var record = new StringBuilder();
        using var reader = new StreamReader(stream, Encoding.ASCII);
        await Send(stream, "220 sink ESMTP").ConfigureAwait(false);
        var data = false;
        while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            record.Append(line).Append("\r\n");
            if (data)
            {
                if (line == ".")
                {
                    data = false;
                    await Send(stream, "250 OK").ConfigureAwait(false);
                }

                continue;
            }

            if (line.StartsWith("DATA", StringComparison.OrdinalIgnoreCase))
            {
                data = true;
                await Send(stream, "354 go ahead").ConfigureAwait(false);
            }
            else if (line.StartsWith("QUIT", StringComparison.OrdinalIgnoreCase))
            {
                await Send(stream, "221 bye").ConfigureAwait(false);
                break;
            }
            else
            {
                await Send(stream, "250 OK").ConfigureAwait(false);
            }
        }

        return record.ToString();
    }

    private static Task Send(NetworkStream stream, string line) => stream.WriteAsync(Encoding.ASCII.GetBytes(line + "\r\n")).AsTask();
}
