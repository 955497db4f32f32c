using Vigil.Testing.Servers;
using System.Net;
using System.Text.RegularExpressions;
using Vigil.Testing;
using Vigil.Testing.Nodes;

namespace Vigil.Integration.Tests.Lb;

/// <summary>
/// The built <c>vigil</c> as a load-balancing director with the nftables backend, end to end:
/// <code>
/// client 198.51.100.2 ── eth0 director 198.51.100.1 (VIP 198.51.100.100) eth1 203.0.113.1 ── switch ── rs1 .11, rs2 .12, rs3 .13
/// </code>
/// The real servers route back through the director (LVS-NAT) and serve HTTP (their name as the body); each test
/// starts vigil with its own configuration, stops and starts servers, and watches the client's answers, the log,
/// notify scripts, the FIFO and <c>vigil --lvs-status</c>.
/// </summary>
public sealed partial class LbDaemonTests : IDisposable
{
    private static readonly IPAddress Vip = IPAddress.Parse("198.51.100.100");
    private static readonly IPAddress ClientAddress = IPAddress.Parse("198.51.100.2");

    // delay_loop 1, connect_timeout 1, retry 0: a stopped server fails its next check, at most 2 s after it stopped.
    private static readonly TimeSpan CheckBound = TimeSpan.FromSeconds(2);

    // Slack on top of the checker bound for the diff, the nft transaction and a loaded 2-core machine.
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(4);

    private readonly Lab _lab;
    private readonly NetNs _client;
    private readonly NetNs _director;
    private readonly NetNs[] _rs = new NetNs[3];
    private readonly Dictionary<(int Rs, int Port), TinyHttpServer> _servers = [];

    public LbDaemonTests()
    {
        _lab = new Lab();
        if (Requirements.Missing("ip", "nft") is not null && !Requirements.RequireAll)
        {
            _client = _director = null!;
            return;
        }

        _client = _lab.Host("client");
        _director = _lab.Host("dir");
        var sw = _lab.Switch();
        _lab.Link(_client, "eth0", _director, "eth0");
        _client.AddAddress("eth0", "198.51.100.2/24");
        _director.AddAddress("eth0", "198.51.100.1/24");
        _director.AddAddress("eth0", "198.51.100.100/32");
        _lab.Attach(_director, "eth1", sw);
        _director.AddAddress("eth1", "203.0.113.1/24");
        _director.Exec("sysctl", "-qw", "net.ipv4.ip_forward=1").EnsureSuccess("ip_forward");
        for (var i = 0; i < 3; i++)
        {
            var rs = _lab.Host($"rs{i + 1}");
            _lab.Attach(rs, "eth0", sw);
            rs.AddAddress("eth0", $"203.0.113.1{i + 1}/24");
            rs.Ip("route", "add", "default", "via", "203.0.113.1");
            _rs[i] = rs;
        }
    }

    public void Dispose()
    {
        foreach (var s in _servers.Values)
        {
            s.Dispose();
        }

        _lab.Dispose();
    }

    private void Serve(int rs, int port, string? name = null) =>
        _servers[(rs, port)] = new TinyHttpServer(_rs[rs - 1], IPAddress.Parse($"203.0.113.1{rs}"), port, name ?? $"rs{rs}");

    private void StopServing(int rs, int port)
    {
        _servers.Remove((rs, port), out var s);
        s?.Dispose();
    }

    private string Get(int port) => TinyHttpServer.Get(_client, Vip, port, ClientAddress);

    private List<string> GetMany(int port, int count) => [.. Enumerable.Range(0, count).Select(_ => Get(port))];

    private static Dictionary<string, int> Tally(IEnumerable<string> answers) =>
        answers.GroupBy(a => a).ToDictionary(g => g.Key, g => g.Count());

    private static string Format(Dictionary<string, int> tally) =>
        string.Join(", ", tally.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));

    /// <summary>Polls until <paramref name="count"/> requests answer exactly as <paramref name="expected"/> (name=count, sorted).</summary>
    private void AwaitSpread(int port, int count, string expected, TimeSpan within, VigilNode node)
    {
        var last = "";
        var ok = Eventually.Wait(() => (last = Format(Tally(GetMany(port, count)))) == expected, within, TimeSpan.FromMilliseconds(200));
        Assert.True(ok, $"port {port}: expected {expected}, last {last}\n{node.Log}");
    }

    private string Status(VigilNode node)
    {
        var (file, prefix) = VigilNode.Executable;
        var r = _director.Exec(file, [.. prefix, "--lvs-status", "--lvs-backend=nftables", "-f", node.ConfigPath, "-c", Path.Combine(node.Directory, "checkers.pid")]);
        Assert.True(r.ExitCode == 0, r.StdErr);
        return r.StdOut;
    }

    private static int? StatusWeight(string status, string destination)
    {
        var m = Regex.Match(status, @"->\s+" + Regex.Escape(destination) + @"\s+\S+\s+(\d+)");
        return m.Success ? int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    private static List<string> Lines(string path) =>
        File.Exists(path) ? [.. File.ReadAllLines(path).Where(l => l.Length > 0)] : [];

    private static string RealServer(int rs, int port, int weight, string checker, string extra = "") => $$"""
            real_server 203.0.113.1{{rs}} {{port}} {
                weight {{weight}}
                {{extra}}
                {{checker}}
            }
        """;

    private static string Http => "HTTP_GET {\n url {\n path /\n status_code 200\n }\n connect_timeout 1\n retry 0\n delay_before_retry 1\n }";

    private static string Tcp => "TCP_CHECK {\n connect_timeout 1\n retry 0\n delay_before_retry 1\n }";

    [NetFact("nft")]
    public void RoundRobin_FailedServerLeavesAndReturns_NotifyAndFifoInOrder_ReadByTheFifoScript()
    {
        for (var i = 1; i <= 3; i++)
        {
            Serve(i, 80);
        }

        Serve(1, 9000, "tcp1");
        Serve(2, 9000, "tcp2");
        using var node = new VigilNode(_lab, _director, "lb");
        var record = Path.Combine(node.Directory, "notify.out");
        var script = Path.Combine(node.Directory, "notify.sh");
        File.WriteAllText(script, $"#!/bin/sh\necho \"$*\" >> {record}\n");
        Cmd.Run("chmod", "755", script);
        var fifo = Path.Combine(node.Directory, "lvs.fifo");
        var fifoOut = Path.Combine(node.Directory, "fifo.out");
        var reader = Path.Combine(node.Directory, "fifo-reader.sh");
        File.WriteAllText(reader, $"#!/bin/sh\nexec cat \"$1\" >> {fifoOut}\n");
        Cmd.Run("chmod", "755", reader);
        var servers = string.Join("\n", Enumerable.Range(1, 3).Select(i =>
            RealServer(i, 80, 1, Http, $"notify_up \"{script} up rs{i}\"\nnotify_down \"{script} down rs{i}\"")));
        node.Configure($$"""
            global_defs {
                script_user root
                lvs_backend nftables
                lvs_notify_fifo {{fifo}}
                lvs_notify_fifo_script {{reader}}
            }
            virtual_server 198.51.100.100 80 {
                protocol TCP
                lvs_sched rr
                lvs_method NAT
                delay_loop 1
                warmup 0
                omega
            {{servers}}
            }
            virtual_server 198.51.100.100 9000 {
                protocol TCP
                lvs_sched rr
                lvs_method NAT
                delay_loop 1
                warmup 0
            {{RealServer(1, 9000, 1, Tcp)}}
            {{RealServer(2, 9000, 1, Tcp)}}
            }
            """);
        node.Start();
        Assert.True(node.WaitForLog("Load balancer backend nftables", TimeSpan.FromSeconds(20)), node.Log);
        Eventually.True(() => File.Exists(fifo), TimeSpan.FromSeconds(5), "FIFO created\n" + node.Log);

        // keepalived's lines at start and after each checker's first success (observed in the IPVS lane).
        Assert.Equal(5, node.CountLog(@"Activating healthchecker for service \[203\.0\.113\.1[123]\]:tcp:(80|9000) for VS \[198\.51\.100\.100\]:tcp:(80|9000)"));
        Assert.True(node.WaitForLog(@"Remote Web server \[203\.0\.113\.1[123]\]:tcp:80 succeed on service\.", TimeSpan.FromSeconds(10), occurrences: 3), node.Log);
        Assert.True(node.WaitForLog(@"TCP connection to \[203\.0\.113\.1[12]\]:tcp:9000 success\.", TimeSpan.FromSeconds(10), occurrences: 2), node.Log);

        // rr: six requests, two per server, in both services.
        AwaitSpread(80, 6, "rs1=2, rs2=2, rs3=2", TimeSpan.FromSeconds(10), node);
        AwaitSpread(9000, 4, "tcp1=2, tcp2=2", TimeSpan.FromSeconds(10), node);

        // rs2 stops: out of rotation within its checker bound (plus slack), the others keep serving.
        StopServing(2, 80);
        var stopped = DateTime.UtcNow;
        AwaitSpread(80, 4, "rs1=2, rs3=2", CheckBound + Slack, node);
        Assert.True(DateTime.UtcNow - stopped < CheckBound + Slack + TimeSpan.FromSeconds(2), "removal took too long");
        Assert.True(node.WaitForLog(@"Removing service \[203\.0\.113\.12\]:tcp:80 from VS \[198\.51\.100\.100\]:tcp:80", TimeSpan.FromSeconds(2)), node.Log);
        Assert.Null(StatusWeight(Status(node), "203.0.113.12:80"));
        Assert.Equal(1, StatusWeight(Status(node), "203.0.113.11:80"));

        // rs2 returns: two successful checks (HTTP_GET's recovery pass), then back in rotation.
        Serve(2, 80);
        AwaitSpread(80, 6, "rs1=2, rs2=2, rs3=2", CheckBound * 2 + Slack, node);
        Assert.True(node.WaitForLog(@"Adding service \[203\.0\.113\.12\]:tcp:80 to VS \[198\.51\.100\.100\]:tcp:80", TimeSpan.FromSeconds(2)), node.Log);

        // The TCP-only service lost nothing meanwhile.
        AwaitSpread(9000, 4, "tcp1=2, tcp2=2", TimeSpan.FromSeconds(5), node);

        Eventually.True(() => Lines(record).Count >= 2, TimeSpan.FromSeconds(5), "notify scripts\n" + node.Log);
        Assert.Equal(["down rs2", "up rs2"], Lines(record));
        Eventually.True(() => Lines(fifoOut).Count >= 4, TimeSpan.FromSeconds(5), "FIFO lines\n" + node.Log);
        Assert.Equal(
            [
                "VS [198.51.100.100]:tcp:80 UP",
                "VS [198.51.100.100]:tcp:9000 UP",
                "RS [203.0.113.12]:tcp:80 [198.51.100.100]:tcp:80 DOWN",
                "RS [203.0.113.12]:tcp:80 [198.51.100.100]:tcp:80 UP",
            ],
            Lines(fifoOut));

        // SIGTERM: omega's notify_down for every alive server and the FIFO lines (RS ... DOWN, then VS ... DOWN) for the
        // omega service only; then the table goes (keepalived removes its virtual servers at stop).
        node.Stop();
        Assert.NotEqual(0, _director.Exec("nft", "list", "table", "inet", "vigil_lb").ExitCode);
        Assert.Equal(5, node.CountLog(@"Shutting down service \[203\.0\.113\.1[123]\]:tcp:(80|9000) from VS \[198\.51\.100\.100\]:tcp:(80|9000)"));
        Eventually.True(() => Lines(record).Count >= 5, TimeSpan.FromSeconds(5), "omega scripts\n" + node.Log);
        Assert.Equal(["down rs1", "down rs2", "down rs3"], Lines(record).Skip(2).Order(StringComparer.Ordinal));
        Eventually.True(() => Lines(fifoOut).Count >= 8, TimeSpan.FromSeconds(5), "omega FIFO lines\n" + node.Log);
        Assert.Equal(
            [
                "RS [203.0.113.11]:tcp:80 [198.51.100.100]:tcp:80 DOWN",
                "RS [203.0.113.12]:tcp:80 [198.51.100.100]:tcp:80 DOWN",
                "RS [203.0.113.13]:tcp:80 [198.51.100.100]:tcp:80 DOWN",
                "VS [198.51.100.100]:tcp:80 DOWN",
            ],
            Lines(fifoOut).Skip(4));
    }

    [NetFact("nft")]
    public void QuorumHysteresisSorryServerAndInhibit_ActAtTheConfiguredWeights()
    {
        for (var i = 1; i <= 3; i++)
        {
            Serve(i, 81);
        }

        Serve(3, 8080, "sorry");
        using var node = new VigilNode(_lab, _director, "lb");

        // Weights 3 + 1 + 1 = 5; quorum 3, hysteresis 1: lost below 2, gained again at 4. rs2 is inhibited on failure.
        node.Configure($$"""
            global_defs {
                lvs_backend nftables
            }
            virtual_server 198.51.100.100 81 {
                protocol TCP
                lvs_sched wrr
                lvs_method NAT
                delay_loop 1
                warmup 0
                quorum 3
                hysteresis 1
                sorry_server 203.0.113.13 8080
            {{RealServer(1, 81, 3, Tcp)}}
            {{RealServer(2, 81, 1, Tcp, "inhibit_on_failure")}}
            {{RealServer(3, 81, 1, Tcp)}}
            }
            """);
        node.Start();
        Assert.True(node.WaitForLog("Load balancer backend nftables", TimeSpan.FromSeconds(20)), node.Log);
        AwaitSpread(81, 5, "rs1=3, rs2=1, rs3=1", TimeSpan.FromSeconds(10), node);

        // rs1 (3) fails: 2 left, below quorum but not below quorum - hysteresis: still in service.
        StopServing(1, 81);
        AwaitSpread(81, 4, "rs2=2, rs3=2", CheckBound + Slack, node);
        Assert.Equal(0, node.CountLog("Lost quorum"));

        // rs2 (1, inhibit) fails: 1 < 2, quorum lost: the sorry server takes everything; rs2 stays at weight 0.
        StopServing(2, 81);
        AwaitSpread(81, 3, "sorry=3", CheckBound + Slack, node);
        Assert.True(node.WaitForLog(@"Lost quorum 3-1=2 > 1 for VS \[198\.51\.100\.100\]:tcp:81", TimeSpan.FromSeconds(2)), node.Log);
        var status = Status(node);
        Assert.Equal(1, StatusWeight(status, "203.0.113.13:8080"));
        Assert.Equal(0, StatusWeight(status, "203.0.113.12:81"));

        // rs3 fails too (0), then rs1 returns: 3 >= quorum but < quorum + hysteresis: still the sorry server.
        StopServing(3, 81);
        Assert.True(node.WaitForLog(@"Removing service \[203\.0\.113\.13\]:tcp:81", CheckBound + Slack), node.Log);
        Serve(1, 81);
        Assert.True(node.WaitForLog(@"Adding service \[203\.0\.113\.11\]:tcp:81", CheckBound + Slack), node.Log);
        AwaitSpread(81, 3, "sorry=3", TimeSpan.FromSeconds(2), node);
        Assert.Equal(1, node.CountLog("Gained quorum")); // the one at startup

        // rs3 returns: 4 = quorum + hysteresis, quorum gained; wrr over rs1 (3) and rs3 (1); rs2 still at weight 0.
        Serve(3, 81);
        AwaitSpread(81, 4, "rs1=3, rs3=1", CheckBound + Slack, node);
        Assert.True(node.WaitForLog(@"Gained quorum 3\+1=4 <= 4 for VS \[198\.51\.100\.100\]:tcp:81", TimeSpan.FromSeconds(2)), node.Log);
        status = Status(node);
        Assert.Equal(0, StatusWeight(status, "203.0.113.12:81"));
        Assert.Null(StatusWeight(status, "203.0.113.13:8080"));
        node.Stop();
    }

    [NetFact("nft")]
    public void HaSuspendAndRefusedService_CheckersWaitForTheVipAndDrIsRefusedByName()
    {
        Serve(1, 82);
        Serve(2, 83);
        using var node = new VigilNode(_lab, _director, "lb");
        node.Configure($$"""
            global_defs {
                lvs_backend nftables
            }
            virtual_server 198.51.100.101 82 {
                protocol TCP
                lvs_sched rr
                lvs_method NAT
                delay_loop 1
                warmup 0
                ha_suspend
            {{RealServer(1, 82, 1, Http)}}
            }
            virtual_server 198.51.100.100 83 {
                protocol TCP
                lvs_sched rr
                lvs_method DR
                delay_loop 1
                warmup 0
            {{RealServer(2, 83, 1, Tcp)}}
            }
            """);
        node.Start();
        Assert.True(node.WaitForLog(@"Deactivating healthchecker for service \[198\.51\.100\.101\]:tcp:82", TimeSpan.FromSeconds(20)), node.Log);
        Assert.True(node.WaitForLog(@"virtual server TCP  198\.51\.100\.100:83, real server 203\.0\.113\.12:83: nftables backend: lvs_method DR needs IPVS.* - virtual server not programmed", TimeSpan.FromSeconds(5)), node.Log);

        // The DR service is not in the table; the suspended one is, and its checker has not run (no request seen). The
        // table file is written after the first apply, which may come after the lines above.
        Eventually.True(() => File.Exists(Path.Combine(node.Directory, "checkers.lvs")), TimeSpan.FromSeconds(5), "table written\n" + node.Log);
        var status = Status(node);
        Assert.DoesNotContain("198.51.100.100:83", status, StringComparison.Ordinal);
        Assert.Contains("198.51.100.101:82", status, StringComparison.Ordinal);
        Thread.Sleep(TimeSpan.FromSeconds(2)); // two delay_loops in which a check would have happened
        Assert.Equal(0, _servers[(1, 82)].Requests);

        // The VIP appears: checkers resume, the server is checked and serves through the VIP.
        _director.AddAddress("eth0", "198.51.100.101/32");
        Assert.True(node.WaitForLog(@"Activating healthchecker for service \[198\.51\.100\.101\]:tcp:82", TimeSpan.FromSeconds(5)), node.Log);
        Eventually.True(() => _servers[(1, 82)].Requests > 0, TimeSpan.FromSeconds(5), "checker resumed\n" + node.Log);
        Eventually.True(() => TinyHttpServer.Get(_client, IPAddress.Parse("198.51.100.101"), 82, ClientAddress) == "rs1", TimeSpan.FromSeconds(5), "served\n" + node.Log);

        // The VIP goes again: checkers pause.
        _director.Ip("addr", "del", "198.51.100.101/32", "dev", "eth0");
        Assert.True(node.WaitForLog(@"Deactivating healthchecker for service \[198\.51\.100\.101\]:tcp:82", TimeSpan.FromSeconds(5), occurrences: 2), node.Log);
        node.Stop();
    }

    [NetFact("nft")]
    public void SmtpAlert_CheckerMailsWithKeepalivedsSubjects()
    {
        Serve(1, 84);
        using var smtp = new SmtpSink(_director, IPAddress.Loopback, 2525);
        using var node = new VigilNode(_lab, _director, "lb");
        node.Configure($$"""
            global_defs {
                lvs_backend nftables
                router_id lb1
                smtp_server 127.0.0.1 2525
                notification_email {
                    ops@example.com
                }
                notification_email_from vigil@example.com
                smtp_alert
            }
            virtual_server 198.51.100.100 84 {
                protocol TCP
                lvs_sched rr
                lvs_method NAT
                delay_loop 1
                warmup 0
            {{RealServer(1, 84, 1, Tcp)}}
            }
            """);
        node.Start();
        Eventually.True(() => smtp.Subjects.Count >= 1, TimeSpan.FromSeconds(20), "startup mail\n" + node.Log);
        StopServing(1, 84);
        Eventually.True(() => smtp.Subjects.Count >= 3, CheckBound + Slack + TimeSpan.FromSeconds(5), "failure mails\n" + node.Log);
        Assert.Equal(
            [
                "[lb1] Virtualserver [198.51.100.100]:tcp:84 - UP",
                "[lb1] Realserver [203.0.113.11]:tcp:84 of virtual server [198.51.100.100]:tcp:84 - DOWN",
                "[lb1] Virtualserver [198.51.100.100]:tcp:84 - DOWN",
            ],
            smtp.Subjects);
        node.Stop();
    }
}
