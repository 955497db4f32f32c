using System.Net;

namespace Vigil.Checkers.Tests;

/// <summary>keepalived 2.2.7's checker lines, as observed in the IPVS lane (bench/observe).</summary>
public class CheckerLogTextTests
{
    private const string Rs = "[127.1.0.1]:tcp:80";
    private const string Vs = "[192.0.2.10]:tcp:80";
    private static readonly VirtualServiceKey s_vs = VirtualServiceKey.ForAddress(IPAddress.Parse("192.0.2.10"), 80, TransportProtocol.Tcp);
    private static readonly RealServerKey s_rs = new(IPAddress.Parse("127.1.0.1"), 80);

    private static CheckerResultObserved Event(CheckerKind kind, ProbeResult result, CheckerTransition transition, bool up, int retries = 0) =>
        new(s_vs, s_rs, kind, 0, result, new CheckerStep(TimeSpan.Zero, transition, false), up) { Retries = retries };

    private static IReadOnlyList<string> Lines(CheckerResultObserved e, CheckerSettings settings, bool all = false) =>
        CheckerLogText.Lines(e, settings, all, Vs, Rs);

    private static readonly ProbeResult s_refused = ProbeResult.Fail(ProbeVerdict.ConnectionRefused, "refused");

    [Fact]
    public void Tcp_Down_WithAndWithoutRetries_AndEachAttemptWithLogAllFailures()
    {
        var tcp = new TcpCheckSettings();
        Assert.Equal(["TCP_CHECK on service [127.1.0.1]:tcp:80 failed."], Lines(Event(CheckerKind.Tcp, s_refused, CheckerTransition.Down, false), tcp));
        Assert.Equal(
            ["TCP connection to [127.1.0.1]:tcp:80 failed.", "TCP_CHECK on service [127.1.0.1]:tcp:80 failed after 2 retries."],
            Lines(Event(CheckerKind.Tcp, s_refused, CheckerTransition.Down, false, retries: 2), tcp, all: true));
        Assert.Empty(Lines(Event(CheckerKind.Tcp, s_refused, CheckerTransition.None, true, retries: 2), tcp));
        Assert.Equal(["TCP connection to [127.1.0.1]:tcp:80 success."], Lines(Event(CheckerKind.Tcp, ProbeResult.Ok, CheckerTransition.Up, true), tcp));
    }

    [Fact]
    public void Alpha_FirstCheckFails_LogsTheVerdict()
    {
        var e = Event(CheckerKind.Tcp, s_refused, CheckerTransition.None, false) with { IsFirstResult = true };
        Assert.Equal(["TCP_CHECK on service [127.1.0.1]:tcp:80 failed."], Lines(e, new TcpCheckSettings()));
    }

    [Fact]
    public void Http_AttemptLinesByCause_AndTheRecoverySequence()
    {
        var http = new HttpGetSettings { Urls = [new HttpUrlSettings { Path = "/index.html" }] };
        Assert.Equal(["HTTP status code error to server [127.1.0.1]:tcp:80."], Lines(Event(CheckerKind.HttpGet, ProbeResult.Fail(ProbeVerdict.BadStatus, "404"), CheckerTransition.None, true, 2), http, all: true));
        Assert.Equal(["Connection failed server [127.1.0.1]:tcp:80."], Lines(Event(CheckerKind.HttpGet, s_refused, CheckerTransition.None, true, 2), http, all: true));
        Assert.Equal(
            ["Timeout WEB read server [127.1.0.1]:tcp:80.", "HTTP_CHECK on service [127.1.0.1]:tcp:80 failed after 2 retries."],
            Lines(Event(CheckerKind.HttpGet, ProbeResult.Fail(ProbeVerdict.Timeout, "read"), CheckerTransition.Down, false, 2), http, all: true));

        // Down and recovering: each success logs the status line, the one that brings it up also "succeed on service".
        Assert.Equal(["HTTP status code success to [127.1.0.1]:tcp:80 url(/index.html)"], Lines(Event(CheckerKind.HttpGet, ProbeResult.Ok, CheckerTransition.None, false), http));
        Assert.Equal(
            ["HTTP status code success to [127.1.0.1]:tcp:80 url(/index.html)", "Remote Web server [127.1.0.1]:tcp:80 succeed on service."],
            Lines(Event(CheckerKind.HttpGet, ProbeResult.Ok, CheckerTransition.Up, true), http));

        // The first success of a server that started up: only "succeed on service".
        Assert.Equal(["Remote Web server [127.1.0.1]:tcp:80 succeed on service."], Lines(Event(CheckerKind.HttpGet, ProbeResult.Ok, CheckerTransition.None, true), http));
    }

    [Fact]
    public void Misc_ShowsThePathWithoutArguments()
    {
        var misc = new MiscCheckSettings { Path = "/opt/obs/misc.sh 127.1.0.1" };
        var failed = ProbeResult.Fail(ProbeVerdict.ScriptFailed, "exited with status 1");
        Assert.Equal(
            ["Misc check for [[127.1.0.1]:tcp:80 VS [192.0.2.10]:tcp:80] by [/opt/obs/misc.sh] failed with retry disabled (exited with status 1)."],
            Lines(Event(CheckerKind.Misc, failed, CheckerTransition.Down, false), misc));
        Assert.Equal(
            ["Misc check for [[127.1.0.1]:tcp:80 VS [192.0.2.10]:tcp:80] by [/opt/obs/misc.sh] failed after 2 retries (exited with status 1)."],
            Lines(Event(CheckerKind.Misc, failed, CheckerTransition.Down, false, 2), misc));
        Assert.Equal(
            ["Misc check for [[127.1.0.1]:tcp:80 VS [192.0.2.10]:tcp:80] by [/opt/obs/misc.sh] succeeded."],
            Lines(Event(CheckerKind.Misc, ProbeResult.Ok, CheckerTransition.Up, true), misc));
    }

    [Fact]
    public void SmtpAndDns_NameTheCause()
    {
        Assert.Equal(["SMTP_CHECK Could not connect to server [127.1.0.1]:80"], Lines(Event(CheckerKind.Smtp, s_refused, CheckerTransition.Down, false, 1), new SmtpCheckSettings()));
        Assert.Equal(
            ["DNS_CHECK ([127.1.0.1]:tcp:80) failed to read socket; errno 111 (Connection refused)"],
            Lines(Event(CheckerKind.Dns, s_refused, CheckerTransition.Down, false, 1), new DnsCheckSettings { Name = "example.com" }));
    }

    [Fact]
    public void LocalError_SaysWhyTheCheckCannotRun()
    {
        var e = Event(CheckerKind.SslGet, ProbeResult.Fail(ProbeVerdict.LocalError, "OpenSSL is not installed"), CheckerTransition.Down, false);
        Assert.Equal(
            ["SSL_CHECK on service [127.1.0.1]:tcp:80 cannot run: OpenSSL is not installed", "SSL_CHECK on service [127.1.0.1]:tcp:80 failed."],
            Lines(e, new HttpGetSettings { UseSsl = true }));
    }
}
