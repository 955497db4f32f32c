using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Vigil.Linux.Notify;

/// <summary>
/// Sends keepalived's e-mail alerts (<c>smtp_alert</c>) with a minimal RFC 5321 client. Alerts are queued and
/// sent one after another in order by a background loop, so a slow or dead mail server never delays VRRP or
/// the checkers. The dialogue and message are byte-for-byte what keepalived 2.2.7 sends (observed):
/// <c>HELO name</c>, <c>MAIL FROM:&lt;from&gt;</c>, one <c>RCPT TO:&lt;to&gt;</c> per address, <c>DATA</c>, headers
/// Date/From/Subject (prefixed <c>[router_id] </c>)/X-Mailer: Keepalived/To, a blank line, the body, a blank line,
/// <c>.</c>, <c>QUIT</c>.
/// </summary>
public sealed partial class SmtpAlerter : IAsyncDisposable
{
    private readonly Channel<(string Subject, string Body)> _queue =
        Channel.CreateBounded<(string, string)>(new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    private readonly SmtpAlertSettings _settings;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public SmtpAlerter(SmtpAlertSettings settings, TimeProvider time, ILogger logger)
    {
        _settings = settings;
        _time = time;
        _logger = logger;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Alerts sent successfully.</summary>
    public int Sent { get; private set; }

    /// <summary>Alerts that failed (connection, timeout or an unexpected reply).</summary>
    public int Failed { get; private set; }

    /// <summary>Queues an alert; <paramref name="subject"/> is without the <c>[router_id]</c> prefix.</summary>
    public void Enqueue(string subject, string body) => _queue.Writer.TryWrite((subject, body));

    /// <summary>The DATA part exactly as keepalived writes it (CRLF line ends, dot-stuffed body).</summary>
    public static string FormatMessage(SmtpAlertSettings settings, string subject, string body, DateTimeOffset localNow)
    {
        var date = localNow.ToString("ddd, dd MMM yyyy HH:mm:ss ", CultureInfo.InvariantCulture) +
                   (localNow.Offset < TimeSpan.Zero ? "-" : "+") +
                   localNow.Offset.Duration().ToString("hhmm", CultureInfo.InvariantCulture);
        var sb = new StringBuilder();
        sb.Append("Date: ").Append(date).Append("\r\n");
        sb.Append("From: ").Append(settings.From).Append("\r\n");
        sb.Append("Subject: [").Append(settings.RouterId).Append("] ").Append(subject).Append("\r\n");
        sb.Append("X-Mailer: Keepalived\r\n");
        sb.Append("To: ").Append(string.Join(", ", settings.To)).Append("\r\n");
        sb.Append("\r\n");
        foreach (var line in body.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            sb.Append(line.StartsWith('.') ? "." + line : line).Append("\r\n");
        }

        sb.Append("\r\n.\r\n");
        return sb.ToString();
    }

    private async Task RunAsync()
    {
        try
        {
            await foreach (var (subject, body) in _queue.Reader.ReadAllAsync(_stop.Token).ConfigureAwait(false))
            {
                try
                {
                    await SendAsync(subject, body, _stop.Token).ConfigureAwait(false);
                    Sent++;
                    LogSent(_logger, subject);
                }
                catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
                {
                    if (_stop.IsCancellationRequested)
                    {
                        return;
                    }

                    Failed++;
                    LogFailed(_logger, _settings.Server, _settings.Port, e.Message);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task SendAsync(string subject, string body, CancellationToken ct)
    {
        using var timeout = new CancellationTokenSource(_settings.ConnectTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
        using var client = new TcpClient();
        await client.ConnectAsync(_settings.Server, _settings.Port, linked.Token).ConfigureAwait(false);
        await using var stream = client.GetStream();
        var reader = new StreamReader(stream, Encoding.ASCII);
        await ExpectAsync(reader, "220", linked.Token).ConfigureAwait(false);
        await CommandAsync(stream, reader, $"HELO {_settings.HeloName}", "250", linked.Token).ConfigureAwait(false);
        await CommandAsync(stream, reader, $"MAIL FROM:<{_settings.From}>", "250", linked.Token).ConfigureAwait(false);
        foreach (var to in _settings.To)
        {
            await CommandAsync(stream, reader, $"RCPT TO:<{to}>", "250", linked.Token).ConfigureAwait(false);
        }

        await CommandAsync(stream, reader, "DATA", "354", linked.Token).ConfigureAwait(false);
        var message = FormatMessage(_settings, subject, body, _time.GetLocalNow());
        await stream.WriteAsync(Encoding.UTF8.GetBytes(message), linked.Token).ConfigureAwait(false);
        await ExpectAsync(reader, "250", linked.Token).ConfigureAwait(false);
        await CommandAsync(stream, reader, "QUIT", "221", linked.Token).ConfigureAwait(false);
    }

    private static async Task CommandAsync(NetworkStream stream, StreamReader reader, string line, string expected, CancellationToken ct)
    {
        await stream.WriteAsync(Encoding.UTF8.GetBytes(line + "\r\n"), ct).ConfigureAwait(false);
        await ExpectAsync(reader, expected, ct).ConfigureAwait(false);
    }

    /// <summary>Reads one (possibly multi-line, "250-…") reply and checks its code.</summary>
    private static async Task ExpectAsync(StreamReader reader, string code, CancellationToken ct)
    {
        while (true)
        {
            var line = await reader.ReadLineAsync(ct).ConfigureAwait(false) ?? throw new IOException("connection closed by the SMTP server");
            if (line.Length >= 4 && line[3] == '-')
            {
                continue;
            }

            if (!line.StartsWith(code, StringComparison.Ordinal))
            {
                throw new SmtpReplyException($"expected {code}, got '{line}'");
            }

            return;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        // Give queued alerts (e.g. the STOP ones written at shutdown) one connect timeout to go out.
        var finished = await Task.WhenAny(_loop, Task.Delay(_settings.ConnectTimeout, _time)).ConfigureAwait(false);
        if (finished != _loop)
        {
            await _stop.CancelAsync().ConfigureAwait(false);
        }

        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }

    [LoggerMessage(EventId = 5201, Level = LogLevel.Information, Message = "SMTP alert successfully sent: {Subject}")]
    private static partial void LogSent(ILogger logger, string subject);

    [LoggerMessage(EventId = 5202, Level = LogLevel.Error, Message = "Error connecting SMTP server [{Server}]:{Port}: {Reason}")]
    private static partial void LogFailed(ILogger logger, string server, int port, string reason);

    private sealed class SmtpReplyException(string message) : IOException(message);
}
