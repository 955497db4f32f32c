using System.Collections.Immutable;
using System.Net;
using Vigil.Checkers;

namespace Vigil.Checkers.Tests;

public class CheckerTimingTests
{
    private static readonly VirtualServerSettings Vs = new() { Key = VirtualServiceKey.ForAddress(IPAddress.Parse("192.0.2.100"), 80) };
    private static readonly RealServerSettings Rs = new() { Address = IPAddress.Parse("192.0.2.10"), Port = 80 };

    [Theory]
    [InlineData(CheckerKind.Tcp, 1, 1.0)]
    [InlineData(CheckerKind.HttpGet, 1, 3.0)]
    [InlineData(CheckerKind.SslGet, 1, 3.0)]
    [InlineData(CheckerKind.Smtp, 1, 1.0)]
    [InlineData(CheckerKind.Dns, 3, 60.0)]
    [InlineData(CheckerKind.Misc, 0, 1.0)]
    [InlineData(CheckerKind.Udp, 1, 1.0)]
    [InlineData(CheckerKind.Ping, 1, 1.0)]
    public void Resolve_NothingConfigured_KeepalivedDefaultsPerChecker(CheckerKind kind, int retry, double delayBeforeRetry)
    {
        var t = CheckerTiming.Resolve(Vs, Rs, Checker(kind));
        Assert.Equal(TimeSpan.FromSeconds(60), t.DelayLoop);
        Assert.Equal(TimeSpan.FromSeconds(5), t.ConnectTimeout);
        Assert.Equal(retry, t.Retry);
        Assert.Equal(TimeSpan.FromSeconds(delayBeforeRetry), t.DelayBeforeRetry);
        Assert.Equal(t.DelayLoop, t.Warmup);
        Assert.False(t.Alpha);
    }

    [Fact]
    public void Resolve_ValuesAtEachLevel_CheckerOverridesServerOverridesService()
    {
        var vs = Vs with { DelayLoop = TimeSpan.FromSeconds(10), Retry = 5, Alpha = true, ConnectTimeout = TimeSpan.FromSeconds(9) };
        var rs = Rs with { DelayLoop = TimeSpan.FromSeconds(7), Retry = 4 };
        var c = new TcpCheckSettings { Retry = 2, Alpha = false };
        var t = CheckerTiming.Resolve(vs, rs, c);
        Assert.Equal(TimeSpan.FromSeconds(7), t.DelayLoop);
        Assert.Equal(2, t.Retry);
        Assert.False(t.Alpha);
        Assert.Equal(TimeSpan.FromSeconds(9), t.ConnectTimeout);
        Assert.Equal(TimeSpan.FromSeconds(7), t.Warmup);
    }

    [Fact]
    public void Resolve_DnsWithoutDelayBeforeRetry_UsesItsDelayLoop()
    {
        var t = CheckerTiming.Resolve(Vs with { DelayLoop = TimeSpan.FromSeconds(6) }, Rs, new DnsCheckSettings());
        Assert.Equal(TimeSpan.FromSeconds(6), t.DelayBeforeRetry);
    }

    [Fact]
    public void Resolve_MiscTimeout_DefaultsToDelayLoopAndIsTheProbeTimeout()
    {
        var vs = Vs with { DelayLoop = TimeSpan.FromSeconds(4) };
        Assert.Equal(TimeSpan.FromSeconds(4), CheckerTiming.Resolve(vs, Rs, new MiscCheckSettings { Path = "/bin/true" }).ProbeTimeout);
        Assert.Equal(TimeSpan.FromSeconds(1), CheckerTiming.Resolve(vs, Rs, new MiscCheckSettings { Path = "/bin/true", Timeout = TimeSpan.FromSeconds(1) }).ProbeTimeout);
        Assert.Equal(TimeSpan.FromSeconds(5), CheckerTiming.Resolve(vs, Rs, new TcpCheckSettings()).ProbeTimeout);
    }

    [Fact]
    public void Resolve_Http_StepsAreUrlsAndRecoveryPassIsOn()
    {
        var c = new HttpGetSettings { FastRecovery = true, Urls = [new HttpUrlSettings { Path = "/a" }, new HttpUrlSettings { Path = "/b" }] };
        var t = CheckerTiming.Resolve(Vs, Rs, c);
        Assert.Equal(2, t.Steps);
        Assert.True(t.RecoveryPass);
        Assert.True(t.FastRecovery);
        Assert.Equal(FailureSpacing.LongerOfDelayLoopAndRetryDelay, t.FailureSpacing);
    }

    [Theory]
    [InlineData(CheckerKind.Tcp, FailureSpacing.RetryCycle)]
    [InlineData(CheckerKind.Smtp, FailureSpacing.RetryCycle)]
    [InlineData(CheckerKind.HttpGet, FailureSpacing.LongerOfDelayLoopAndRetryDelay)]
    [InlineData(CheckerKind.Misc, FailureSpacing.DelayLoop)]
    [InlineData(CheckerKind.Dns, FailureSpacing.DelayLoop)]
    [InlineData(CheckerKind.Udp, FailureSpacing.DelayLoop)]
    [InlineData(CheckerKind.Ping, FailureSpacing.DelayLoop)]
    public void Spacing_EachChecker_AsObservedInKeepalived(CheckerKind kind, FailureSpacing expected) =>
        Assert.Equal(expected, CheckerTiming.Spacing(kind));

    internal static CheckerSettings Checker(CheckerKind kind) => kind switch
    {
        CheckerKind.Tcp => new TcpCheckSettings(),
        CheckerKind.HttpGet => new HttpGetSettings { Urls = ImmutableArray.Create(new HttpUrlSettings { Path = "/" }) },
        CheckerKind.SslGet => new HttpGetSettings { UseSsl = true, Urls = ImmutableArray.Create(new HttpUrlSettings { Path = "/" }) },
        CheckerKind.Smtp => new SmtpCheckSettings(),
        CheckerKind.Dns => new DnsCheckSettings(),
        CheckerKind.Misc => new MiscCheckSettings { Path = "/bin/true" },
        CheckerKind.Udp => new UdpCheckSettings(),
        CheckerKind.Ping => new PingCheckSettings(),
        _ => new FileCheckSettings { TrackFile = "t", Path = "/tmp/t" },
    };
}
