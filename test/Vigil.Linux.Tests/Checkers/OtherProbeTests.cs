using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Vigil.Checkers;
using Vigil.Linux.Scripts;
using Vigil.Testing;

namespace Vigil.Linux.Checkers.Tests;

public sealed class OtherProbeTests(ProbeLab lab) : IClassFixture<ProbeLab>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);

    private static ProbeTarget Target(IPAddress address, int port, CheckerSettings? checker = null) =>
        ProbeTarget.From(ProbeLab.RealServer(address, port), checker ?? new TcpCheckSettings());

    [NetFact]
    public async Task Tcp_Listening_SuccessAndRefusedWhenClosed()
    {
        var srv = lab.Serve(() => TcpTestServer.Silent(ProbeLab.ServerV4));
        Assert.Equal(ProbeResult.Ok, await lab.ProbeAsync(new TcpProbe(Target(ProbeLab.ServerV4, srv.Port), TimeProvider.System), Timeout));
        Assert.Equal(ProbeResult.Ok, await lab.ProbeAsync(new TcpProbe(Target(ProbeLab.ServerV6, 22, new TcpCheckSettings { ConnectIp = ProbeLab.ServerV4, ConnectPort = srv.Port }), TimeProvider.System), Timeout));
        srv.Dispose();
        Assert.Equal(ProbeVerdict.ConnectionRefused, (await lab.ProbeAsync(new TcpProbe(Target(ProbeLab.ServerV4, srv.Port), TimeProvider.System), Timeout)).Verdict);
    }

    [NetFact("nft")]
    public async Task Tcp_BlackHoled_TimeoutAtConnectTimeout()
    {
        lab.Server.Exec("nft", "add table inet bh");
        lab.Server.Exec("nft", "add chain inet bh in { type filter hook input priority 0 ; }");
        lab.Server.Exec("nft", "add rule inet bh in tcp dport 7 drop");
        var sw = Stopwatch.StartNew();
        var r = await lab.ProbeAsync(new TcpProbe(Target(ProbeLab.ServerV4, 7), TimeProvider.System), Timeout);
        Assert.Equal(ProbeVerdict.Timeout, r.Verdict);
        Assert.InRange(sw.Elapsed, TimeSpan.FromMilliseconds(900), TimeSpan.FromSeconds(4));
    }

    [NetFact("nft")]
    public async Task Tcp_FwMarkAndBindInterface_AppliedToProbeSocket()
    {
        lab.Client.Exec("nft", "add table inet mk");
        lab.Client.Exec("nft", "add chain inet mk out { type filter hook output priority 0 ; }");
        lab.Client.Exec("nft", "add rule inet mk out meta mark 0x2a oifname eth0 counter");
        var srv = lab.Serve(() => TcpTestServer.Silent(ProbeLab.ServerV4));
        var checker = new TcpCheckSettings { FwMark = 42, BindInterface = "eth0" };
        Assert.Equal(ProbeResult.Ok, await lab.ProbeAsync(new TcpProbe(Target(ProbeLab.ServerV4, srv.Port, checker), TimeProvider.System), Timeout));
        var counters = lab.Client.Exec("nft", "list chain inet mk out").StdOut;
        Assert.Matches(@"counter packets [1-9]", counters);
        var wrongIf = new TcpCheckSettings { BindInterface = "lo" };
        Assert.False((await lab.ProbeAsync(new TcpProbe(Target(ProbeLab.ServerV4, srv.Port, wrongIf), TimeProvider.System), Timeout)).IsSuccess);
    }

    [NetFact]
    public async Task Smtp_GoodServer_HeloAndQuit()
    {
        var commands = new ConcurrentQueue<string>();
        var srv = lab.Serve(() => TcpTestServer.Smtp(ProbeLab.ServerV4, "220-mail.example ESMTP\r\n220 ready\r\n", c => c.StartsWith("HELO", StringComparison.Ordinal) ? "250 ok\r\n" : c == "QUIT" ? "221 bye\r\n" : "500 ?\r\n", commands));
        var r = await lab.ProbeAsync(new SmtpProbe(Target(ProbeLab.ServerV4, srv.Port), "chk.example", TimeProvider.System), Timeout);
        Assert.Equal(ProbeResult.Ok, r);
        Assert.Equal(["HELO chk.example", "QUIT"], commands);
    }

    [NetTheory]
    [InlineData("554 no\r\n", "250 ok\r\n")]
    [InlineData("220 ok\r\n", "550 go away\r\n")]
    [InlineData("garbage\r\n", "250 ok\r\n")]
    public async Task Smtp_BadReplies_ProtocolError(string greeting, string heloReply)
    {
        var srv = lab.Serve(() => TcpTestServer.Smtp(ProbeLab.ServerV4, greeting, c => c.StartsWith("HELO", StringComparison.Ordinal) ? heloReply : "221 bye\r\n", new()));
        var r = await lab.ProbeAsync(new SmtpProbe(Target(ProbeLab.ServerV4, srv.Port), "h", TimeProvider.System), Timeout);
        Assert.Equal(ProbeVerdict.ProtocolError, r.Verdict);
    }

    [NetFact]
    public async Task Smtp_SilentServer_Timeout()
    {
        var srv = lab.Serve(() => TcpTestServer.Silent(ProbeLab.ServerV4));
        Assert.Equal(ProbeVerdict.Timeout, (await lab.ProbeAsync(new SmtpProbe(Target(ProbeLab.ServerV4, srv.Port), "h", TimeProvider.System), Timeout)).Verdict);
    }

    private static byte[]? DnsAnswer(byte[] q, int rcode, bool wrongId = false, bool qr = true)
    {
        var a = (byte[])q.Clone();
        if (wrongId)
        {
            a[0] ^= 0xFF;
        }

        var flags = (ushort)((qr ? 0x8000 : 0) | 0x0100 | 0x0080 | rcode);
        BinaryPrimitives.WriteUInt16BigEndian(a.AsSpan(2), flags);
        return a;
    }

    [NetFact]
    public async Task Dns_AnswerWithOurIdAndRcodeZero_Success()
    {
        var srv = lab.Serve(() => new UdpTestServer(ProbeLab.ServerV4, q => DnsAnswer(q, 0)));
        var settings = new DnsCheckSettings { Type = DnsQueryType.A, Name = "www.example.com" };
        var r = await lab.ProbeAsync(new DnsProbe(Target(ProbeLab.ServerV4, srv.Port), settings, TimeProvider.System), Timeout);
        Assert.Equal(ProbeResult.Ok, r);
        var q = srv.Received.Single();
        Assert.Equal(0x0100, BinaryPrimitives.ReadUInt16BigEndian(q.AsSpan(2)));
        Assert.Equal("03-77-77-77-07-65-78-61-6D-70-6C-65-03-63-6F-6D-00-00-01-00-01", BitConverter.ToString(q, 12));
    }

    [NetFact]
    public async Task Dns_ServfailThenWrongIdThenSilence_FailuresNamed()
    {
        var servfail = lab.Serve(() => new UdpTestServer(ProbeLab.ServerV4, q => DnsAnswer(q, 2)));
        Assert.Equal(ProbeVerdict.BadReply, (await lab.ProbeAsync(new DnsProbe(Target(ProbeLab.ServerV4, servfail.Port), new DnsCheckSettings(), TimeProvider.System), Timeout)).Verdict);
        var wrongId = lab.Serve(() => new UdpTestServer(ProbeLab.ServerV4, q => DnsAnswer(q, 0, wrongId: true)));
        Assert.Equal(ProbeVerdict.Timeout, (await lab.ProbeAsync(new DnsProbe(Target(ProbeLab.ServerV4, wrongId.Port), new DnsCheckSettings(), TimeProvider.System), Timeout)).Verdict);
        var silent = lab.Serve(() => new UdpTestServer(ProbeLab.ServerV4, _ => null));
        Assert.Equal(ProbeVerdict.Timeout, (await lab.ProbeAsync(new DnsProbe(Target(ProbeLab.ServerV4, silent.Port), new DnsCheckSettings(), TimeProvider.System), Timeout)).Verdict);
    }

    [NetFact]
    public async Task Dns_ClosedPort_RefusedImmediately()
    {
        var sw = Stopwatch.StartNew();
        var r = await lab.ProbeAsync(new DnsProbe(Target(ProbeLab.ServerV4, 5353), new DnsCheckSettings(), TimeProvider.System), TimeSpan.FromSeconds(3));
        Assert.Equal(ProbeVerdict.ConnectionRefused, r.Verdict);
        Assert.InRange(sw.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(2));
    }

    [NetFact]
    public async Task Udp_RequireReplyPattern_MatchesWithWildcards()
    {
        var srv = lab.Serve(() => new UdpTestServer(ProbeLab.ServerV4, q => [0x4F, 0x4B, q[0]]));
        var ok = new UdpCheckSettings { Payload = [0xDE, 0xAD], RequireReply = true, ReplyPattern = HexPattern.Parse("4f 4b XX"), MaxReplyLength = 10 };
        Assert.Equal(ProbeResult.Ok, await lab.ProbeAsync(new UdpProbe(Target(ProbeLab.ServerV4, srv.Port), ok, TimeProvider.System), Timeout));
        Assert.Equal([0xDE, 0xAD], srv.Received.First());
        var wrong = ok with { ReplyPattern = HexPattern.Parse("4f 4c") };
        Assert.Equal(ProbeVerdict.BadReply, (await lab.ProbeAsync(new UdpProbe(Target(ProbeLab.ServerV4, srv.Port), wrong, TimeProvider.System), Timeout)).Verdict);
        var tooLong = ok with { MaxReplyLength = 2 };
        Assert.Equal(ProbeVerdict.BadReply, (await lab.ProbeAsync(new UdpProbe(Target(ProbeLab.ServerV4, srv.Port), tooLong, TimeProvider.System), Timeout)).Verdict);
    }

    [NetFact]
    public async Task Udp_NoReplyRequired_SilenceIsSuccessIcmpUnreachableIsFailure()
    {
        var silent = lab.Serve(() => new UdpTestServer(ProbeLab.ServerV4, _ => null));
        var sw = Stopwatch.StartNew();
        Assert.Equal(ProbeResult.Ok, await lab.ProbeAsync(new UdpProbe(Target(ProbeLab.ServerV4, silent.Port), new UdpCheckSettings(), TimeProvider.System), Timeout));
        Assert.InRange(sw.Elapsed, TimeSpan.FromMilliseconds(900), TimeSpan.FromSeconds(4));
        Assert.Equal(16, silent.Received.Single().Length); // keepalived's random payload when none is configured
        Assert.Equal(ProbeVerdict.ConnectionRefused, (await lab.ProbeAsync(new UdpProbe(Target(ProbeLab.ServerV4, 9), new UdpCheckSettings(), TimeProvider.System), Timeout)).Verdict);
        Assert.Equal(ProbeVerdict.Timeout, (await lab.ProbeAsync(new UdpProbe(Target(ProbeLab.ServerV4, silent.Port), new UdpCheckSettings { RequireReply = true }, TimeProvider.System), Timeout)).Verdict);
    }

    [NetFact]
    public async Task Ping_Ipv4AndIpv6_ReplyIsSuccessNoHostTimesOut()
    {
        Assert.Equal(ProbeResult.Ok, await lab.ProbeAsync(new PingProbe(Target(ProbeLab.ServerV4, 0), TimeProvider.System), Timeout));
        Assert.Equal(ProbeResult.Ok, await lab.ProbeAsync(new PingProbe(Target(ProbeLab.ServerV6, 0), TimeProvider.System), Timeout));
        var r = await lab.ProbeAsync(new PingProbe(Target(ProbeLab.Nowhere, 0), TimeProvider.System), Timeout);
        Assert.False(r.IsSuccess);
    }

    [NetFact]
    public async Task Ping_ManyConcurrent_EachMatchesItsOwnReply()
    {
        var probes = Enumerable.Range(0, 30).Select(_ => lab.ProbeAsync(new PingProbe(Target(ProbeLab.ServerV4, 0), TimeProvider.System), Timeout)).ToList();
        Assert.All(await Task.WhenAll(probes), r => Assert.Equal(ProbeResult.Ok, r));
    }

    [Fact]
    public async Task Misc_ExitCodes_UpDownAndDynamicWeight()
    {
        await using var runner = new ScriptRunner(TimeProvider.System);
        var ctx = new ProbeContext(0, TimeSpan.FromSeconds(5));
        Assert.Equal(ProbeResult.Ok, await new MiscProbe(new MiscCheckSettings { Path = "/bin/sh -c 'exit 0'" }, runner, TimeProvider.System).ProbeAsync(ctx, default));
        Assert.Equal(ProbeVerdict.ScriptFailed, (await new MiscProbe(new MiscCheckSettings { Path = "/bin/sh -c 'exit 9'" }, runner, TimeProvider.System).ProbeAsync(ctx, default)).Verdict);
        var dyn = await new MiscProbe(new MiscCheckSettings { Path = "/bin/sh -c 'exit 9'", Dynamic = true }, runner, TimeProvider.System).ProbeAsync(ctx, default);
        Assert.True(dyn.IsSuccess);
        Assert.Equal(7, dyn.DynamicWeight);
        Assert.Equal(ProbeVerdict.ScriptFailed, (await new MiscProbe(new MiscCheckSettings { Path = "/bin/sh -c 'exit 1'", Dynamic = true }, runner, TimeProvider.System).ProbeAsync(ctx, default)).Verdict);
        Assert.Equal(ProbeVerdict.ScriptFailed, (await new MiscProbe(new MiscCheckSettings { Path = "/bin/sh -c 'kill -9 $$'", Dynamic = true }, runner, TimeProvider.System).ProbeAsync(ctx, default)).Verdict);
    }

    [Fact]
    public async Task Misc_Timeout_ScriptTimeoutAtMiscTimeout()
    {
        await using var runner = new ScriptRunner(TimeProvider.System);
        var sw = Stopwatch.StartNew();
        var r = await new MiscProbe(new MiscCheckSettings { Path = "/bin/sh -c 'trap \"\" TERM; sleep 30'" }, runner, TimeProvider.System)
            .ProbeAsync(new ProbeContext(0, TimeSpan.FromMilliseconds(500)), default);
        Assert.Equal(ProbeVerdict.ScriptTimeout, r.Verdict);
        Assert.InRange(sw.Elapsed, TimeSpan.FromMilliseconds(400), TimeSpan.FromSeconds(2));
    }

    [Theory]
    [InlineData("42", 42)]
    [InlineData("  -7\n", -7)]
    [InlineData("+3xyz", 3)]
    [InlineData("abc", 0)]
    [InlineData("", 0)]
    [InlineData("99999999999999999999", long.MaxValue)]
    public void TrackFile_ParseValue_LikeStrtol(string text, long expected) =>
        Assert.Equal(expected, TrackFileMonitor.ParseValue(text));

    [Fact]
    public void TrackFile_FileWrittenReplacedAndRemoved_EachValueReported()
    {
        var dir = Path.Combine(Path.GetTempPath(), "vigil-tf-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        try
        {
            var path = Path.Combine(dir, "weight");
            File.WriteAllText(path, "1\n");
            var seen = new ConcurrentQueue<(string, long?)>();
            using var monitor = new TrackFileMonitor(new Dictionary<string, string> { ["tf"] = path }, (n, v) => seen.Enqueue((n, v)), TimeProvider.System, TimeSpan.FromSeconds(30));
            monitor.Start();
            Assert.Equal(("tf", 1L), seen.Single());
            File.WriteAllText(path, "5\n");
            Assert.True(Eventually.Wait(() => seen.Contains(("tf", 5L)), TimeSpan.FromSeconds(5)), "write not seen");
            var tmp = path + ".new";
            File.WriteAllText(tmp, "-2");
            File.Move(tmp, path, overwrite: true);
            Assert.True(Eventually.Wait(() => seen.Contains(("tf", -2L)), TimeSpan.FromSeconds(5)), "rename not seen");
            File.Delete(path);
            Assert.True(Eventually.Wait(() => seen.Contains(("tf", null)), TimeSpan.FromSeconds(5)), "delete not seen");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
