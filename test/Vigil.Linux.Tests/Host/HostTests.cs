using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;
using Vigil.Linux.Host;
using Vigil.Testing;

namespace Vigil.Linux.Tests.Host;

public class PidFileTests
{
    [Fact]
    public void TryAcquire_SecondHolder_IsRefusedAndFileRemovedOnDispose()
    {
        var path = Path.Combine(Path.GetTempPath(), $"vigil-pid-{Guid.NewGuid():N}", "vrrp.pid");
        using (var first = PidFile.TryAcquire(path, out var error1))
        {
            Assert.NotNull(first);
            Assert.Null(error1);
            Assert.Equal(Environment.ProcessId, PidFile.ReadPid(path));

            var second = PidFile.TryAcquire(path, out var error2);
            Assert.Null(second);
            Assert.Contains("locked", error2, StringComparison.Ordinal);
        }

        Assert.False(File.Exists(path));
    }

    [Fact]
    public void TryAcquire_StaleFileFromCrashedDaemon_IsTakenOver()
    {
        var path = Path.Combine(Path.GetTempPath(), $"vigil-pid-{Guid.NewGuid():N}.pid");
        File.WriteAllText(path, "999999\n");
        using var pid = PidFile.TryAcquire(path, out _);
        Assert.NotNull(pid);
        Assert.Equal(Environment.ProcessId, PidFile.ReadPid(path));
    }
}

public class LogSinkTests
{
    private static readonly DateTimeOffset Stamp = new(2026, 11, 2, 4, 26, 4, TimeSpan.Zero);

    [Fact]
    public void ConsoleSink_UsesKeepalivedCtimeFormat()
    {
        var w = new StringWriter();
        new ConsoleLogSink(w).Write(6, "(VI_1) Entering MASTER STATE", Stamp);
        Assert.Equal("Mon Nov  2 04:26:04 2026: (VI_1) Entering MASTER STATE" + Environment.NewLine, w.ToString());
    }

    [Fact]
    public void SyslogFormat_CarriesPriorityIdentAndPid()
    {
        var line = SyslogSink.Format(3, 6, "Keepalived_vrrp", 42, "(VI_1) Entering BACKUP STATE", Stamp);
        Assert.Equal("<30>Nov  2 04:26:04 Keepalived_vrrp[42]: (VI_1) Entering BACKUP STATE", line);
    }

    [Theory]
    [InlineData("daemon", 3)]
    [InlineData("user", 1)]
    [InlineData("local7", 23)]
    [InlineData("0", 16)]
    [InlineData("8", null)]
    [InlineData("kern", null)]
    public void ParseFacility_AcceptsKeepalivedValues(string value, int? expected) =>
        Assert.Equal(expected, SyslogSink.ParseFacility(value));

    [Fact]
    public void SyslogSink_DeliversDatagramToSocket()
    {
        var path = Path.Combine(Path.GetTempPath(), $"vigil-log-{Guid.NewGuid():N}.sock");
        using var server = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        server.Bind(new UnixDomainSocketEndPoint(path));
        using (var sink = new SyslogSink("Keepalived_vrrp", 3, path))
        {
            sink.Write(6, "hello", Stamp);
        }

        var buf = new byte[512];
        server.ReceiveTimeout = 5000;
        var n = server.Receive(buf);
        Assert.EndsWith($"Keepalived_vrrp[{Environment.ProcessId}]: hello", Encoding.UTF8.GetString(buf, 0, n), StringComparison.Ordinal);
        File.Delete(path);
    }

    [Fact]
    public void Provider_FiltersDebugUnlessDetailAndWritesPlainMessages()
    {
        var w = new StringWriter();
        var time = new ManualTimeProvider(Stamp);
        using var provider = new SinkLoggerProvider([new ConsoleLogSink(w)], time, LogLevel.Information);
        var logger = provider.CreateLogger("any");
        logger.LogDebug("hidden");
        logger.LogInformation("({Name}) Entering MASTER STATE", "VI_1");
        Assert.DoesNotContain("hidden", w.ToString(), StringComparison.Ordinal);
        Assert.EndsWith(": (VI_1) Entering MASTER STATE" + Environment.NewLine, w.ToString(), StringComparison.Ordinal);
    }
}
