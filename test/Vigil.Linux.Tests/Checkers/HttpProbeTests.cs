using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Vigil.Checkers;
using Vigil.Testing;

namespace Vigil.Linux.Checkers.Tests;

public sealed class HttpProbeTests(ProbeLab lab) : IClassFixture<ProbeLab>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);

    private static HttpProbe Probe(int port, HttpUrlSettings url, IPAddress? address = null, HttpGetSettings? settings = null)
    {
        var s = (settings ?? new HttpGetSettings()) with { Urls = [url] };
        var rs = ProbeLab.RealServer(address ?? ProbeLab.ServerV4, port);
        return new HttpProbe(s, ProbeTarget.From(rs, s), TimeProvider.System);
    }

    private static string Md5(string body) => Convert.ToHexStringLower(MD5.HashData(Encoding.ASCII.GetBytes(body)));

    [NetFact]
    public async Task ProbeAsync_200WithMatchingDigestAndRegex_Success()
    {
        var srv = lab.Serve(() => TcpTestServer.Http(ProbeLab.ServerV4, TcpTestServer.Response(200, "hello world\n")));
        var url = new HttpUrlSettings { Path = "/index.html", Digest = Md5("hello world\n"), Regex = "wor+ld" };
        Assert.Equal(ProbeResult.Ok, await lab.ProbeAsync(Probe(srv.Port, url), Timeout));
    }

    [NetFact]
    public async Task ProbeAsync_Request_ByteExactKeepalivedRequest()
    {
        var srv = lab.Serve(() => TcpTestServer.Http(ProbeLab.ServerV4, TcpTestServer.Response(200, "x")));
        await lab.ProbeAsync(Probe(srv.Port, new HttpUrlSettings { Path = "/a?b=c" }), Timeout);
        await lab.ProbeAsync(Probe(srv.Port, new HttpUrlSettings { Path = "/v", VirtualHost = "vh.example" }, settings: new HttpGetSettings { HttpProtocol = HttpProtocolVersion.Http11 }), Timeout);
        var requests = srv.Requests.Select(Encoding.ASCII.GetString).ToArray();
        Assert.Equal($"GET /a?b=c HTTP/1.0\r\nUser-Agent: KeepAliveClient\r\nHost: 192.0.2.2:{srv.Port}\r\n\r\n", requests[0]);
        Assert.Equal("GET /v HTTP/1.1\r\nUser-Agent: KeepAliveClient\r\nConnection: close\r\nHost: vh.example\r\n\r\n", requests[1]);
    }

    [NetFact]
    public async Task ProbeAsync_Ipv6Target_BracketedHostHeader()
    {
        var srv = lab.Serve(() => TcpTestServer.Http(ProbeLab.ServerV6, TcpTestServer.Response(200, "x")));
        Assert.Equal(ProbeResult.Ok, await lab.ProbeAsync(Probe(srv.Port, new HttpUrlSettings { Path = "/" }, ProbeLab.ServerV6), Timeout));
        Assert.Contains($"Host: [2001:db8::2]:{srv.Port}\r\n", Encoding.ASCII.GetString(srv.Requests.Single()), StringComparison.Ordinal);
    }

    [NetTheory]
    [InlineData(200, "", true)]
    [InlineData(299, "", true)]
    [InlineData(301, "", false)]
    [InlineData(500, "", false)]
    [InlineData(404, "404", true)]
    [InlineData(503, "200-299,500-599", true)]
    [InlineData(404, "200-299,500-599", false)]
    public async Task ProbeAsync_StatusCodes_DefaultTwoHundredsOrConfiguredRanges(int status, string ranges, bool ok)
    {
        var srv = lab.Serve(() => TcpTestServer.Http(ProbeLab.ServerV4, TcpTestServer.Response(status, "b")));
        var codes = ranges.Length == 0 ? [] : ranges.Split(',').Select(r => r.Split('-')).Select(p => new StatusCodeRange(int.Parse(p[0]), int.Parse(p[^1]))).ToList();
        var r = await lab.ProbeAsync(Probe(srv.Port, new HttpUrlSettings { Path = "/", StatusCodes = [.. codes] }), Timeout);
        Assert.Equal(ok, r.IsSuccess);
        if (!ok)
        {
            Assert.Equal(ProbeVerdict.BadStatus, r.Verdict);
        }
    }

    [NetFact]
    public async Task ProbeAsync_ServerGoesAwayAndReturns_DownThenUpAgain()
    {
        var first = lab.Serve(() => TcpTestServer.Http(ProbeLab.ServerV4, TcpTestServer.Response(200, "v1")));
        var port = first.Port;
        var probe = Probe(port, new HttpUrlSettings { Path = "/" });
        Assert.Equal(ProbeResult.Ok, await lab.ProbeAsync(probe, Timeout));
        first.Dispose();
        Assert.Equal(ProbeVerdict.ConnectionRefused, (await lab.ProbeAsync(probe, Timeout)).Verdict);
        lab.Serve(() => TcpTestServer.Http(ProbeLab.ServerV4, TcpTestServer.Response(200, "v2"), port));
        Assert.Equal(ProbeResult.Ok, await lab.ProbeAsync(probe, Timeout));
    }

    [NetFact]
    public async Task ProbeAsync_WrongDigest_DigestMismatch()
    {
        var srv = lab.Serve(() => TcpTestServer.Http(ProbeLab.ServerV4, TcpTestServer.Response(200, "changed")));
        var r = await lab.ProbeAsync(Probe(srv.Port, new HttpUrlSettings { Path = "/", Digest = Md5("original") }), Timeout);
        Assert.Equal(ProbeVerdict.DigestMismatch, r.Verdict);
    }

    [NetTheory]
    [InlineData("status: (ok|fine)", false, 0, 0, true)]
    [InlineData("status: bad", false, 0, 0, false)]
    [InlineData("status: bad", true, 0, 0, true)]
    [InlineData("status: ok", true, 0, 0, false)]
    [InlineData("status: ok", false, 10, 0, false)]
    [InlineData("status: ok", false, 0, 3, true)]
    [InlineData("status: ok", false, 0, 2, false)]
    public async Task ProbeAsync_Regex_MatchNoMatchAndOffsets(string pattern, bool noMatch, int min, int max, bool ok)
    {
        var srv = lab.Serve(() => TcpTestServer.Http(ProbeLab.ServerV4, TcpTestServer.Response(200, "xx status: ok\n")));
        var url = new HttpUrlSettings { Path = "/", Regex = pattern, RegexNoMatch = noMatch, RegexMinOffset = min, RegexMaxOffset = max };
        var r = await lab.ProbeAsync(Probe(srv.Port, url), Timeout);
        Assert.Equal(ok, r.IsSuccess);
        if (!ok)
        {
            Assert.Equal(ProbeVerdict.RegexMismatch, r.Verdict);
        }
    }

    [NetFact]
    public async Task ProbeAsync_NothingListening_ConnectionRefused()
    {
        var r = await lab.ProbeAsync(Probe(9, new HttpUrlSettings { Path = "/" }), Timeout);
        Assert.Equal(ProbeVerdict.ConnectionRefused, r.Verdict);
    }

    [NetFact]
    public async Task ProbeAsync_SilentServer_TimeoutWithinConnectTimeout()
    {
        var srv = lab.Serve(() => TcpTestServer.Silent(ProbeLab.ServerV4));
        var sw = Stopwatch.StartNew();
        var r = await lab.ProbeAsync(Probe(srv.Port, new HttpUrlSettings { Path = "/" }), Timeout);
        Assert.Equal(ProbeVerdict.Timeout, r.Verdict);
        Assert.InRange(sw.Elapsed, TimeSpan.FromMilliseconds(900), TimeSpan.FromSeconds(5));
    }

    [NetFact]
    public async Task ProbeAsync_UnroutedAddress_FailsWithinTimeout()
    {
        var sw = Stopwatch.StartNew();
        var r = await lab.ProbeAsync(Probe(80, new HttpUrlSettings { Path = "/" }, ProbeLab.Nowhere), Timeout);
        Assert.False(r.IsSuccess);
        Assert.InRange(sw.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(5));
    }

    [NetFact]
    public async Task ProbeAsync_Garbage_ProtocolError()
    {
        var srv = lab.Serve(() => TcpTestServer.Garbage(ProbeLab.ServerV4));
        var r = await lab.ProbeAsync(Probe(srv.Port, new HttpUrlSettings { Path = "/" }), Timeout);
        Assert.Equal(ProbeVerdict.ProtocolError, r.Verdict);
    }

    [NetFact]
    public async Task ProbeAsync_Reset_ConnectionReset()
    {
        var srv = lab.Serve(() => TcpTestServer.Reset(ProbeLab.ServerV4));
        var r = await lab.ProbeAsync(Probe(srv.Port, new HttpUrlSettings { Path = "/" }), Timeout);
        Assert.Equal(ProbeVerdict.ConnectionReset, r.Verdict);
    }

    [NetFact]
    public async Task ProbeAsync_EndlessBody_FailsBoundedAndInTime()
    {
        var srv = lab.Serve(() => TcpTestServer.Endless(ProbeLab.ServerV4));
        var sw = Stopwatch.StartNew();
        var r = await lab.ProbeAsync(Probe(srv.Port, new HttpUrlSettings { Path = "/" }, settings: new HttpGetSettings { MaxResponseBytes = 1 << 20 }), TimeSpan.FromSeconds(3));
        Assert.Equal(ProbeVerdict.ResponseTooLarge, r.Verdict);
        Assert.InRange(sw.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(4));
    }

    [NetFact]
    public async Task ProbeAsync_BadServersInParallel_HealthyServerUnaffected()
    {
        var good = lab.Serve(() => TcpTestServer.Http(ProbeLab.ServerV4, TcpTestServer.Response(200, "fine")));
        var silent = lab.Serve(() => TcpTestServer.Silent(ProbeLab.ServerV4));
        var endless = lab.Serve(() => TcpTestServer.Endless(ProbeLab.ServerV4));
        var bad = Enumerable.Range(0, 20).Select(i => lab.ProbeAsync(Probe(i % 2 == 0 ? silent.Port : endless.Port, new HttpUrlSettings { Path = "/" }), TimeSpan.FromSeconds(2))).ToList();
        var sw = Stopwatch.StartNew();
        var r = await lab.ProbeAsync(Probe(good.Port, new HttpUrlSettings { Path = "/" }), TimeSpan.FromSeconds(2));
        Assert.Equal(ProbeResult.Ok, r);
        Assert.InRange(sw.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(1));
        Assert.All(await Task.WhenAll(bad), x => Assert.False(x.IsSuccess));
    }

    [NetFact]
    public async Task ProbeAsync_SecondUrlStep_ChecksThatUrl()
    {
        var srv = lab.Serve(() => TcpTestServer.Http(ProbeLab.ServerV4, TcpTestServer.Response(200, "x")));
        var s = new HttpGetSettings { Urls = [new HttpUrlSettings { Path = "/one" }, new HttpUrlSettings { Path = "/two" }] };
        var probe = new HttpProbe(s, ProbeTarget.From(ProbeLab.RealServer(ProbeLab.ServerV4, srv.Port), s), TimeProvider.System);
        await lab.ProbeAsync(probe, Timeout, step: 1);
        Assert.StartsWith("GET /two ", Encoding.ASCII.GetString(srv.Requests.Single()), StringComparison.Ordinal);
    }

    [NetFact]
    public async Task ProbeAsync_BindTo_SourceAddressUsed()
    {
        var srv = lab.Serve(() => TcpTestServer.Http(ProbeLab.ServerV4, TcpTestServer.Response(200, "x")));
        var s = new HttpGetSettings { BindTo = ProbeLab.ClientAltV4, Urls = [new HttpUrlSettings { Path = "/" }] };
        var probe = new HttpProbe(s, ProbeTarget.From(ProbeLab.RealServer(ProbeLab.ServerV4, srv.Port), s), TimeProvider.System);
        Assert.Equal(ProbeResult.Ok, await lab.ProbeAsync(probe, Timeout));
        Assert.Equal(ProbeLab.ClientAltV4, ((IPEndPoint)srv.Peers.Single()).Address);
    }

    [NetFact("openssl")]
    public async Task ProbeAsync_SslWithSniAndClientCertificate_ServerSeesBoth()
    {
        using var serverCert = Certificates.SelfSigned("CN=server.example");
        using var clientCert = Certificates.SelfSigned("CN=vigil-client");
        var (certFile, keyFile) = Certificates.WritePem(clientCert, "s3cret");
        var sni = new ConcurrentQueue<string?>();
        var clients = new ConcurrentQueue<string?>();
        var srv = lab.Serve(() => TcpTestServer.Https(ProbeLab.ServerV4, serverCert, TcpTestServer.Response(200, "secure"), sni, clients, requireClientCert: true));
        var s = new HttpGetSettings
        {
            UseSsl = true,
            EnableSni = true,
            VirtualHost = "www.example",
            Ssl = new SslClientSettings { CertificateFile = certFile, KeyFile = keyFile, Password = "s3cret" },
        };
        var r = await lab.ProbeAsync(Probe(srv.Port, new HttpUrlSettings { Path = "/", Digest = Md5("secure") }, settings: s), TimeSpan.FromSeconds(3));
        Assert.Equal(ProbeResult.Ok, r);
        Assert.Equal("www.example", sni.Single());
        Assert.Equal("CN=vigil-client", clients.Single());
        Assert.Contains("Host: www.example\r\n", Encoding.ASCII.GetString(srv.Requests.Single()), StringComparison.Ordinal);
    }

    [NetFact]
    public async Task ProbeAsync_SslWithoutSni_NoServerNameAndNoVerification()
    {
        using var serverCert = Certificates.SelfSigned("CN=untrusted");
        var sni = new ConcurrentQueue<string?>();
        var srv = lab.Serve(() => TcpTestServer.Https(ProbeLab.ServerV4, serverCert, TcpTestServer.Response(200, "x"), sni, new(), requireClientCert: false));
        var s = new HttpGetSettings { UseSsl = true, VirtualHost = "www.example" };
        Assert.Equal(ProbeResult.Ok, await lab.ProbeAsync(Probe(srv.Port, new HttpUrlSettings { Path = "/" }, settings: s), TimeSpan.FromSeconds(3)));
        Assert.Null(sni.Single());
    }

    [NetFact]
    public async Task ProbeAsync_SniName_OverridesVirtualHost()
    {
        using var serverCert = Certificates.SelfSigned("CN=x");
        var sni = new ConcurrentQueue<string?>();
        var srv = lab.Serve(() => TcpTestServer.Https(ProbeLab.ServerV4, serverCert, TcpTestServer.Response(200, "x"), sni, new(), requireClientCert: false));
        var s = new HttpGetSettings { UseSsl = true, VirtualHost = "www.example", SniName = "sni.example" };
        Assert.Equal(ProbeResult.Ok, await lab.ProbeAsync(Probe(srv.Port, new HttpUrlSettings { Path = "/" }, settings: s), TimeSpan.FromSeconds(3)));
        Assert.Equal("sni.example", sni.Single());
    }

    [NetFact]
    public async Task ProbeAsync_SslToPlainServer_TlsErrorNotHang()
    {
        var srv = lab.Serve(() => TcpTestServer.Garbage(ProbeLab.ServerV4));
        var r = await lab.ProbeAsync(Probe(srv.Port, new HttpUrlSettings { Path = "/" }, settings: new HttpGetSettings { UseSsl = true }), Timeout);
        Assert.False(r.IsSuccess);
    }
}
