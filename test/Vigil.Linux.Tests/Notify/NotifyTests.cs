using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Vigil.Linux.Notify;

namespace Vigil.Linux.Tests.Notify;

public class SmtpAlerterTests
{
    private static SmtpAlertSettings Settings(int port) =>
        new("127.0.0.1", port, "vm", TimeSpan.FromSeconds(5), "rtr1", "vigil@example.com", ["ops@example.com", "oncall@example.com"]);

    /// <summary>A recording SMTP server: answers like a real one and keeps everything the client wrote.</summary>
    private static async Task<string> ServeOnceAsync(TcpListener listener, string? rejectRcpt = null)
    {
        using var client = await listener.AcceptTcpClientAsync();
        var stream = client.GetStream();
        var log = new StringBuilder();
        var reader = new StreamReader(stream, Encoding.ASCII);
        async Task Reply(string s) => await stream.WriteAsync(Encoding.ASCII.GetBytes(s + "\r\n"));
        await Reply("220-test ESMTP");
        await Reply("220 ready");
        var inData = false;
        while (await reader.ReadLineAsync() is { } line)
        {
            log.Append(line).Append("\r\n");
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
                break;
            }
            else if (rejectRcpt is not null && line.Contains(rejectRcpt, StringComparison.Ordinal))
            {
                await Reply("550 no such user");
                break;
            }
            else
            {
                await Reply("250 ok");
            }
        }

        return log.ToString();
    }

    [Fact]
    public async Task Alert_DialogueAndMessage_AreKeepalivedsBytes()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var server = ServeOnceAsync(listener);
        var alerter = new SmtpAlerter(Settings(port), TimeProvider.System, NullLogger.Instance);
        alerter.Enqueue("VRRP Instance VI_1 - Entering MASTER state", "=> VRRP Instance is now owning VRRP VIPs <=");
        var dialogue = await server.WaitAsync(TimeSpan.FromSeconds(10));
        await alerter.DisposeAsync();
        listener.Stop();

        // Recorded from keepalived 2.2.7 (Date line aside, which depends on the clock).
        var expected =
            "HELO vm\r\nMAIL FROM:<vigil@example.com>\r\nRCPT TO:<ops@example.com>\r\nRCPT TO:<oncall@example.com>\r\nDATA\r\n" +
            "DATE\r\nFrom: vigil@example.com\r\nSubject: [rtr1] VRRP Instance VI_1 - Entering MASTER state\r\n" +
            "X-Mailer: Keepalived\r\nTo: ops@example.com, oncall@example.com\r\n\r\n" +
            "=> VRRP Instance is now owning VRRP VIPs <=\r\n\r\n.\r\nQUIT\r\n";
        var normalised = System.Text.RegularExpressions.Regex.Replace(dialogue, @"Date: [^\r]*", "DATE");
        Assert.Equal(expected, normalised);
        Assert.Matches(@"Date: \w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}\r\n", dialogue);
        Assert.Equal(1, alerter.Sent);
    }

    [Fact]
    public void FormatMessage_DotStuffsBodyAndUsesRfc822Date()
    {
        var text = SmtpAlerter.FormatMessage(Settings(25), "s", "line\n.hidden", new DateTimeOffset(2026, 11, 2, 6, 5, 4, TimeSpan.FromHours(-5)));
        Assert.StartsWith("Date: Mon, 02 Nov 2026 06:05:04 -0500\r\n", text, StringComparison.Ordinal);
        Assert.EndsWith("\r\nline\r\n..hidden\r\n\r\n.\r\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Alert_RejectedRecipientOrDeadServer_IsCountedAsFailedAndNextAlertStillGoes()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var first = ServeOnceAsync(listener, rejectRcpt: "oncall");
        var alerter = new SmtpAlerter(Settings(port), TimeProvider.System, NullLogger.Instance);
        alerter.Enqueue("one", "body");
        await first.WaitAsync(TimeSpan.FromSeconds(10));
        var second = ServeOnceAsync(listener);
        alerter.Enqueue("two", "body");
        var dialogue = await second.WaitAsync(TimeSpan.FromSeconds(10));
        await alerter.DisposeAsync();
        listener.Stop();
        Assert.Contains("Subject: [rtr1] two", dialogue, StringComparison.Ordinal);
        Assert.Equal(1, alerter.Failed);
        Assert.Equal(1, alerter.Sent);
    }
}

public class NotifyFifoTests
{
    [Fact]
    public void Fifo_CreatedWhenMissing_LinesArriveInOrder_RemovedOnDispose()
    {
        var path = Path.Combine(Path.GetTempPath(), $"vigil-fifo-{Guid.NewGuid():N}");
        using (var fifo = NotifyFifo.Open(path))
        {
            Assert.Equal("fifo", Vigil.Testing.Cmd.Run("stat", "-c", "%F", path).StdOut.Trim());
            fifo.WriteLine("INSTANCE \"VI_1\" BACKUP 100");
            fifo.WriteLine("INSTANCE \"VI_1\" MASTER 100");
            using var reader = new StreamReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
            Assert.Equal("INSTANCE \"VI_1\" BACKUP 100", reader.ReadLine());
            Assert.Equal("INSTANCE \"VI_1\" MASTER 100", reader.ReadLine());
        }

        Assert.False(File.Exists(path));
    }

    [Fact]
    public void Fifo_NobodyReading_NeverBlocksAndCountsDroppedLines()
    {
        var path = Path.Combine(Path.GetTempPath(), $"vigil-fifo-{Guid.NewGuid():N}");
        using var fifo = NotifyFifo.Open(path);
        var line = new string('x', 1000);
        for (var i = 0; i < 200; i++)
        {
            fifo.WriteLine(line); // 200 kB into a 64 kB pipe
        }

        Assert.InRange(fifo.Dropped, 100, 199);
    }

    [Fact]
    public void Fifo_ExistingOneIsKeptAtExit()
    {
        var path = Path.Combine(Path.GetTempPath(), $"vigil-fifo-{Guid.NewGuid():N}");
        Vigil.Testing.Cmd.Run("mkfifo", path).EnsureSuccess("mkfifo");
        NotifyFifo.Open(path).Dispose();
        Assert.True(File.Exists(path));
        File.Delete(path);
    }
}
