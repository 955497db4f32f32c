using System.Net;
using System.Net.Sockets;
using Vigil.Lb;

namespace Vigil.Core.Tests.Lb;

public class LbStatusFormatterTests
{
    /// <summary>ipvsadm 1.31 -Ln in the IPVS lane (Linux 6.1) for the same table, trailing blanks removed.</summary>
    private const string ObservedIpvsadm = """
        IP Virtual Server version 1.2.1 (size=4096)
        Prot LocalAddress:Port Scheduler Flags
          -> RemoteAddress:Port           Forward Weight ActiveConn InActConn
        TCP  192.0.2.1:80 rr
          -> 203.0.113.2:8080             Masq    1      0          0
          -> 203.0.113.11:80              Masq    3      0          0
        TCP  192.0.2.1:443 sh (sh-fallback,sh-port) persistent 300 mask 255.255.255.0
          -> 203.0.113.11:443             Route   1      0          0
        TCP  198.51.100.9:80 dh persistent 20 pe sip
        UDP  192.0.2.1:53 wlc ops
          -> 203.0.113.11:53              Tunnel  2      0          0
        SCTP 192.0.2.2:9 nq
        TCP  [2001:db8::1]:80 lc persistent 60 mask 64
          -> [2001:db8::11]:80            Masq    5      0          0
        FWM  7 wrr persistent 360
          -> 203.0.113.12:0               Masq    1      0          0
        FWM  8 IPv6 mh (mh-fallback)

        """;

    private static IPAddress A(string s) => IPAddress.Parse(s);

    [Fact]
    public void Format_SameTableAsIpvsadm_PrintsTheSameText()
    {
        // Deliberately out of order: the formatter sorts like ipvsadm.
        var state = new LbState(
        [
            new VirtualService(VirtualServiceKey.ForFwMark(8, AddressFamily.InterNetworkV6)) with { Scheduler = "mh", SchedulerFlags = SchedulerFlags.Flag1 | SchedulerFlags.Flag3 },
            new VirtualService(VirtualServiceKey.ForFwMark(7), [new RealServer(A("203.0.113.12"), 0)]) with { Scheduler = "wrr", PersistenceTimeout = 360 },
            new VirtualService(VirtualServiceKey.ForAddress(LbProtocol.Tcp, A("2001:db8::1"), 80), [new RealServer(A("2001:db8::11"), 80, 5)]) with { Scheduler = "lc", PersistenceTimeout = 60, PersistenceGranularity = 64 },
            new VirtualService(VirtualServiceKey.ForAddress(LbProtocol.Sctp, A("192.0.2.2"), 9)) with { Scheduler = "nq" },
            new VirtualService(VirtualServiceKey.ForAddress(LbProtocol.Udp, A("192.0.2.1"), 53), [new RealServer(A("203.0.113.11"), 53, 2, LvsMethod.Tun)]) with { OnePacket = true },
            new VirtualService(VirtualServiceKey.ForAddress(LbProtocol.Tcp, A("198.51.100.9"), 80)) with { Scheduler = "dh", PersistenceTimeout = 20, PersistenceEngine = "sip" },
            new VirtualService(VirtualServiceKey.ForAddress(LbProtocol.Tcp, A("192.0.2.1"), 443), [new RealServer(A("203.0.113.11"), 443, 1, LvsMethod.Dr)])
                with { Scheduler = "sh", SchedulerFlags = SchedulerFlagNames.Port | SchedulerFlagNames.Fallback, PersistenceTimeout = 300, PersistenceGranularity = 24 },
            new VirtualService(VirtualServiceKey.ForAddress(LbProtocol.Tcp, A("192.0.2.1"), 80), [new RealServer(A("203.0.113.11"), 80, 3), new RealServer(A("203.0.113.2"), 8080, 1)]) with { Scheduler = "rr" },
        ]);
        var snapshot = new LbSnapshot("ipvs", "IP Virtual Server version 1.2.1 (size=4096)", state, new Dictionary<(VirtualServiceKey, DestinationKey), DestinationCounters>());

        Assert.Equal(ObservedIpvsadm.ReplaceLineEndings("\n"), LbStatusFormatter.Format(snapshot));
    }

    [Fact]
    public void Format_Nftables_ShowsScheduledConnections()
    {
        var web = VirtualServiceKey.ForAddress(LbProtocol.Tcp, A("198.51.100.100"), 80);
        var rs = new RealServer(A("203.0.113.11"), 80);
        var snapshot = new LbSnapshot("nftables", "nftables load balancer (table inet vigil_lb)", new LbState([new VirtualService(web, [rs]) with { Scheduler = "rr" }]),
            new Dictionary<(VirtualServiceKey, DestinationKey), DestinationCounters> { [(web, rs.Key)] = DestinationCounters.Zero with { Connections = 42 } });

        Assert.EndsWith("  -> 203.0.113.11:80              Masq    1      42\n", LbStatusFormatter.Format(snapshot), StringComparison.Ordinal);
    }

    [Fact]
    public void FormatTimeoutsAndDaemon_MatchIpvsadm()
    {
        Assert.Equal("Timeout (tcp tcpfin udp): 900 120 300", LbStatusFormatter.FormatTimeouts(new LvsTimeouts(900, 120, 300)));
        Assert.Equal("master sync daemon (mcast=dummy0, syncid=5, maxlen=1472, group=224.0.0.81, port=8848, ttl=1)",
            LbStatusFormatter.FormatSyncDaemon(new SyncDaemon(SyncDaemonState.Master, "dummy0", 5, 1472, 8848, 1, A("224.0.0.81"))));
    }
}
