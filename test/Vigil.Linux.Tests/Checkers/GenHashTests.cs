using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Vigil.Testing;

namespace Vigil.Linux.Checkers.Tests;

/// <summary>
/// genhash against keepalived's own (<c>keepalived --genhash</c>, Debian 2.2.7) on the same test servers:
/// stdout, stderr and exit code must be identical except the measured response time.
/// </summary>
public sealed partial class GenHashTests(ProbeLab lab) : IClassFixture<ProbeLab>
{
    public static TheoryData<string> Responses => new()
    {
        "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\nX-Test: a\r\n\r\nhello world\n",
        "HTTP/1.0 200 OK\r\n\r\nabc",
        "HTTP/1.0 200 OK\r\n\r\n",
        "HTTP/1.1 404 Not Found\r\nServer: x\r\nContent-Length: 40\r\n\r\n0123456789abcdefghijklmnopqrstuvwxyzABCD",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
        "HTTP/1.0 200 OK\nX: y\n\nbody\n",
        "garbage without end",
        "HTTP/1.0 200 OK\r\n\r\n\u0001\u007f\u00ffbinary\ttab~",
    };

    [GeneratedRegex(@"= \d+ usecs")]
    private static partial Regex ResponseTime();

    private async Task<(int Code, string Out, string Err)> OursAsync(params string[] args)
    {
        var o = new StringWriter { NewLine = "\n" };
        var e = new StringWriter { NewLine = "\n" };
        var code = await lab.Client.Run(() => GenHash.RunAsync(args, o, e, TimeProvider.System));
        return (code, ResponseTime().Replace(o.ToString(), "= N usecs"), e.ToString());
    }

    /// <summary>Runs keepalived's genhash in the client namespace, capturing stdout and stderr byte for byte (CRs included).</summary>
    private (int Code, string Out, string Err) Keepalived(params string[] args)
    {
        var psi = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in (string[])["netns", "exec", lab.Client.Name, "keepalived", "-T", .. args])
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        var stdout = new MemoryStream();
        var stderr = new MemoryStream();
        var copyOut = p.StandardOutput.BaseStream.CopyToAsync(stdout);
        var copyErr = p.StandardError.BaseStream.CopyToAsync(stderr);
        if (!p.WaitForExit(30_000))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException("keepalived --genhash did not finish");
        }

        Task.WaitAll(copyOut, copyErr);
        return (p.ExitCode, ResponseTime().Replace(Encoding.Latin1.GetString(stdout.ToArray()), "= N usecs"), Encoding.Latin1.GetString(stderr.ToArray()));
    }

    [NetTheory("keepalived")]
    [MemberData(nameof(Responses))]
    public async Task RunAsync_ServerResponses_SameOutputAsKeepalived(string response)
    {
        var srv = lab.Serve(() => TcpTestServer.Http(ProbeLab.ServerV4, Encoding.Latin1.GetBytes(response)));
        foreach (var verbose in new[] { false, true })
        {
            string[] args = verbose ? ["-v", "-s", "192.0.2.2", "-p", $"{srv.Port}", "-u", "/index.html"] : ["-s", "192.0.2.2", "-p", $"{srv.Port}", "-u", "/index.html"];
            var theirs = Keepalived(args);
            var ours = await OursAsync(args);
            if (Environment.GetEnvironmentVariable("VIGIL_GENHASH_DUMP") is { } dump)
            {
                var tag = (uint)response.GetHashCode() % 1000 + (verbose ? "v" : "");
                File.WriteAllText($"{dump}/theirs-{tag}.txt", theirs.Out);
                File.WriteAllText($"{dump}/ours-{tag}.txt", ours.Out);
            }

            Assert.Equal(theirs, ours);
        }
    }

    [NetFact("keepalived")]
    public async Task RunAsync_Request_SameBytesAsKeepalived()
    {
        var srv = lab.Serve(() => TcpTestServer.Http(ProbeLab.ServerV4, "HTTP/1.0 200 OK\r\n\r\nx"u8.ToArray()));
        foreach (var extra in new[] { Array.Empty<string>(), ["-P", "1.1", "-V", "vh.example"], ["-P", "1.0c"], ["-V", "only.vhost"] })
        {
            string[] args = ["-s", "192.0.2.2", "-p", $"{srv.Port}", "-u", "/p?q=1", .. extra];
            Keepalived(args);
            await OursAsync(args);
        }

        var requests = srv.Requests.Select(Encoding.ASCII.GetString).ToArray();
        Assert.Equal(8, requests.Length);
        for (var i = 0; i < 8; i += 2)
        {
            Assert.Equal(requests[i], requests[i + 1]);
        }
    }

    [NetFact("keepalived")]
    public async Task RunAsync_Ipv6Server_SameOutputAndHostHeader()
    {
        var srv = lab.Serve(() => TcpTestServer.Http(ProbeLab.ServerV6, "HTTP/1.0 200 OK\r\n\r\nsix"u8.ToArray()));
        string[] args = ["-v", "-s", "2001:db8::2", "-p", $"{srv.Port}", "-u", "/"];
        Assert.Equal(Keepalived(args), await OursAsync(args));
        var requests = srv.Requests.Select(Encoding.ASCII.GetString).ToArray();
        Assert.Equal(requests[0], requests[1]);
    }

    [NetTheory("keepalived")]
    [InlineData(false)]
    [InlineData(true)]
    public async Task RunAsync_Refused_SameMessage(bool verbose)
    {
        string[] args = verbose ? ["-v", "-s", "192.0.2.2", "-p", "9", "-u", "/"] : ["-s", "192.0.2.2", "-p", "9", "-u", "/"];
        Assert.Equal(Keepalived(args), await OursAsync(args));
    }

    [NetFact("keepalived")]
    public async Task RunAsync_SilentServer_TimeoutWebRead()
    {
        var srv = lab.Serve(() => TcpTestServer.Silent(ProbeLab.ServerV4));
        string[] args = ["-v", "-s", "192.0.2.2", "-p", $"{srv.Port}", "-u", "/x", "-t", "1"];
        var ours = await OursAsync(args);
        Assert.Equal(Keepalived(args), ours);
        Assert.StartsWith("Timeout WEB read\n", ours.Out, StringComparison.Ordinal);
    }

    [NetFact("keepalived", "openssl")]
    public async Task RunAsync_Ssl_SameHashAsKeepalived()
    {
        using var cert = Certificates.SelfSigned("CN=genhash");
        var srv = lab.Serve(() => TcpTestServer.Https(ProbeLab.ServerV4, cert, "HTTP/1.0 200 OK\r\n\r\nsecure"u8.ToArray(), new(), new(), requireClientCert: false));
        string[] args = ["-S", "-s", "192.0.2.2", "-p", $"{srv.Port}", "-u", "/"];
        var ours = await OursAsync(args);
        Assert.Equal(Keepalived(args), ours);
        Assert.Equal("1c0b76fce779f78f51be339c49445c49\n", ours.Out);
    }

    public static TheoryData<string[]> BadCommandLines => new()
    {
        { new[] { "-h" } },
        { new[] { "-s", "192.0.2.2", "-u", "/" } },
        { new[] { "-p", "80", "-u", "/" } },
        { new[] { "-s", "192.0.2.2", "-p", "80", "-u", "/", "-x" } },
        { new[] { "-s", "bad", "-p", "80", "-u", "/" } },
        { new[] { "-s", "192.0.2.2", "-p", "70000", "-u", "/" } },
        { new[] { "-s", "192.0.2.2", "-p", "80", "-u", "/", "-P", "2" } },
        { new[] { "-s", "192.0.2.2", "-p", "80", "-u", "/", "-t", "1.5" } },
        { new[] { "-s", "192.0.2.2", "-p", "80", "-u", "/", "-m", "abc" } },
        { new[] { "-s", "192.0.2.2", "-p", "80", "-u", "/", "extra" } },
    };

    [NetTheory("keepalived")]
    [MemberData(nameof(BadCommandLines))]
    public async Task RunAsync_BadCommandLine_SameUsageErrorAndExitCode(string[] args) =>
        Assert.Equal(Keepalived(args), await OursAsync(args));

    [Fact]
    public async Task RunAsync_TwoArgumentForm_UsageOnTheOneWriter()
    {
        var w = new StringWriter();
        Assert.Equal(1, await GenHash.RunAsync(["-h"], w));
        Assert.StartsWith("Usage: keepalived --genhash COMMAND [OPTIONS]\n", w.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void HexDump_PartialLines_KeepalivedLayout()
    {
        // Lines copied from keepalived 2.2.7's genhash -v output.
        Assert.Equal(
            "0000  48 54 54 50 2f 31 2e 30 - 20 32 30 30 20 4f 4b 0d   HTTP/1.0 200 OK.\n" +
            "0016  0a 0d 0a                -                           ...             \n",
            GenHash.HexDump("HTTP/1.0 200 OK\r\n\r\n"u8));
        Assert.Equal(
            "0000  77 78 79 7a 41 42 43 44 -                           wxyzABCD        \n",
            GenHash.HexDump("wxyzABCD"u8));
        Assert.Equal(
            "0000  68 3a 20 34 30 0d 0a 0d - 0a                        h: 40....       \n",
            GenHash.HexDump("h: 40\r\n\r\n"u8));
        Assert.Equal(string.Empty, GenHash.HexDump([]));
    }
}
