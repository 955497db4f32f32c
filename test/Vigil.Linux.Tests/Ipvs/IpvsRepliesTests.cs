using System.Net;
using System.Net.Sockets;
using FsCheck;
using FsCheck.Fluent;
using Vigil.Lb;
using Vigil.Linux.Ipvs;
using Vigil.Linux.Netlink;

namespace Vigil.Linux.Tests.Ipvs;

public class IpvsRepliesTests
{
    private const ushort Family = 0x20;

    /// <summary>A GET_SERVICE dump entry the way the kernel fills it (ip_vs_genl_fill_service order, HASHED set, stats nests).</summary>
    private static byte[] KernelServiceReply(Action<NetlinkMessageBuilder> identity, string scheduler, uint flags, uint timeout, uint netmask, string? pe = null)
    {
        var b = GenericNetlink.Begin(Family, 4, 1, 0x2); // NLM_F_MULTI
        var svc = b.BeginNested(1);
        identity(b);
        b.PutString(6, scheduler);
        if (pe is not null)
        {
            b.PutString(11, pe);
        }

        b.PutAttribute(7, [(byte)flags, (byte)(flags >> 8), 0, 0, 0xff, 0xff, 0xff, 0xff]);
        b.PutU32(8, timeout);
        b.PutAttribute(9, BitConverter.GetBytes(netmask));
        var stats = b.BeginNested(10);
        b.PutU32(1, 7);      // CONNS (u32 in the legacy nest)
        b.PutU32(2, 70);
        b.PutU32(3, 60);
        b.PutU64(4, 7000);
        b.PutU64(5, 6000);
        b.EndNested(stats);
        var stats64 = b.BeginNested(12);
        b.PutU64(1, 7);
        b.PutU64(2, 70);
        b.PutU64(3, 60);
        b.PutU64(4, 7000);
        b.PutU64(5, 6000);
        b.EndNested(stats64);
        b.EndNested(svc);
        return b.ToArray();
    }

    [Fact]
    public void Service_KernelDumpEntry_ParsesIntoTheModel()
    {
        var reply = KernelServiceReply(b =>
        {
            b.PutU16(1, 2);
            b.PutU16(2, 17);
            b.PutAddress16(3, IPAddress.Parse("192.0.2.1"));
            b.PutU16BigEndian(4, 53);
        }, "sh", flags: 0x0002 | 0x0001 | 0x0010, timeout: 300, netmask: 0x00ffffff);

        var service = IpvsReplies.Service(reply, out var stats);

        var expected = new VirtualService(VirtualServiceKey.ForAddress(LbProtocol.Udp, IPAddress.Parse("192.0.2.1"), 53)) with
        {
            Scheduler = "sh",
            SchedulerFlags = SchedulerFlagNames.Port,
            PersistenceTimeout = 300,
            PersistenceGranularity = 24,
        };
        Assert.Equal(expected, service);
        Assert.Equal(7ul, stats!.Connections);
        Assert.Equal(6000ul, stats.OutBytes);
    }

    [Fact]
    public void Service_FwMarkV6WithEngine_ParsesFamilyMarkAndPrefix()
    {
        var reply = KernelServiceReply(b =>
        {
            b.PutU16(1, 10);
            b.PutU32(5, 42);
        }, "rr", flags: 0x0002 | 0x0001 | 0x0004, timeout: 360, netmask: 48, pe: "sip");

        var service = IpvsReplies.Service(reply, out _);

        Assert.Equal(VirtualServiceKey.ForFwMark(42, AddressFamily.InterNetworkV6), service!.Key);
        Assert.True(service.OnePacket);
        Assert.Equal(48, service.PersistenceGranularity);
        Assert.Equal("sip", service.PersistenceEngine);
    }

    [Fact]
    public void Service_NotPersistent_ReportsNoTimeout()
    {
        var reply = KernelServiceReply(b =>
        {
            b.PutU16(1, 2);
            b.PutU32(5, 1);
        }, "wlc", flags: 0x0002, timeout: 0, netmask: 0xffffffff);

        var service = IpvsReplies.Service(reply, out _);

        Assert.Equal(new VirtualService(VirtualServiceKey.ForFwMark(1)), service);
    }

    [Fact]
    public void Service_WithoutFamily_IsNull()
    {
        var reply = KernelServiceReply(b => b.PutU32(5, 1), "wlc", 2, 0, 0xffffffff);

        Assert.Null(IpvsReplies.Service(reply, out _));
    }

    [Fact]
    public void Destination_KernelDumpEntry_ParsesMethodTunnelAndCounters()
    {
        var b = GenericNetlink.Begin(Family, 8, 1, 0x2);
        var dest = b.BeginNested(2);
        b.PutAddress16(1, IPAddress.Parse("203.0.113.11"));
        b.PutU16BigEndian(2, 80);
        b.PutU32(3, 2);
        b.PutU32(4, 5);
        b.PutU8(13, 1);
        b.PutU16BigEndian(14, 6080);
        b.PutU16(15, 2);
        b.PutU32(5, 9);
        b.PutU32(6, 1);
        b.PutU32(7, 11);
        b.PutU32(8, 12);
        b.PutU32(9, 13);
        b.PutU16(11, 2);
        b.EndNested(dest);

        var rs = IpvsReplies.Destination(b.ToArray(), AddressFamily.InterNetwork, out var counters);

        Assert.Equal(new RealServer(IPAddress.Parse("203.0.113.11"), 80, 5, LvsMethod.Tun, TunnelType.Gue, 6080, TunnelChecksum.RemCsum, 9, 1), rs);
        Assert.Equal((11u, 12u, 13u), (counters.ActiveConnections, counters.InactiveConnections, counters.PersistentConnections));
    }

    [Fact]
    public void Destination_LocalNode_IsReportedAsLocal()
    {
        var bytes = IpvsMessages.Destination(Family, 5, VirtualServiceKey.ForFwMark(1), new RealServer(IPAddress.Parse("192.0.2.1"), 0));
        bytes[^28] = 1; // FWD_METHOD value -> IP_VS_CONN_F_LOCALNODE

        var rs = IpvsReplies.Destination(bytes, AddressFamily.InterNetwork, out _);

        Assert.Equal(LvsMethod.Local, rs!.Method);
    }

    [Fact]
    public void InfoConfigAndDaemon_Replies_Parse()
    {
        var info = GenericNetlink.Begin(Family, 14, 1);
        info.PutU32(1, 0x010201);
        info.PutU32(2, 4096);
        Assert.Equal("1.2.1", IpvsReplies.Info(info.ToArray())!.VersionText);

        var config = GenericNetlink.Begin(Family, 12, 1);
        config.PutU32(4, 900);
        config.PutU32(5, 120);
        config.PutU32(6, 300);
        Assert.Equal(new LvsTimeouts(900, 120, 300), IpvsReplies.Config(config.ToArray()));

        var daemon = IpvsMessages.NewDaemon(Family, new SyncDaemon(SyncDaemonState.Backup, "eth1", 3, 1400, 8848, 1, IPAddress.Parse("224.0.0.81")));
        Assert.Equal(new SyncDaemon(SyncDaemonState.Backup, "eth1", 3, 1400, 8848, 1, IPAddress.Parse("224.0.0.81")), IpvsReplies.Daemon(daemon));
    }

    private static readonly Gen<VirtualService> Services =
        from fwmark in Gen.Elements(0u, 9u)
        from v6 in Gen.Elements(false, true)
        from protocol in Gen.Elements(LbProtocol.Tcp, LbProtocol.Udp, LbProtocol.Sctp)
        from port in Gen.Choose(0, 65535)
        from scheduler in Gen.Elements(LvsScheduler.All.ToArray())
        from flags in Gen.Choose(0, 7)
        from ops in Gen.Elements(false, true)
        from timeout in Gen.Elements(0u, 1u, 360u, 86400u)
        from granularity in Gen.Choose(-1, 128)
        from pe in Gen.Elements<string?>(null, "sip")
        let family = v6 ? AddressFamily.InterNetworkV6 : AddressFamily.InterNetwork
        let key = fwmark != 0 ? VirtualServiceKey.ForFwMark(fwmark, family)
            : VirtualServiceKey.ForAddress(protocol, IPAddress.Parse(v6 ? "2001:db8::5" : "198.51.100.5"), (ushort)port)
        let maxPrefix = v6 ? 128 : 32
        select new VirtualService(key, scheduler, (SchedulerFlags)flags, ops, timeout,
            granularity < (v6 ? 1 : 0) ? null : Math.Min(granularity, maxPrefix), pe, []);

    private static readonly Gen<RealServer> Destinations =
        from v6 in Gen.Elements(false, true)
        from port in Gen.Choose(0, 65535)
        from weight in Gen.Choose(0, 65535)
        from method in Gen.Elements(LvsMethod.Nat, LvsMethod.Dr, LvsMethod.Tun)
        from tunnel in Gen.Elements(TunnelType.Ipip, TunnelType.Gue, TunnelType.Gre)
        from tunPort in Gen.Choose(1, 65535)
        from csum in Gen.Elements(TunnelChecksum.NoCsum, TunnelChecksum.Csum, TunnelChecksum.RemCsum)
        from upper in Gen.Choose(0, 1000)
        from lower in Gen.Choose(0, 1000)
        select new RealServer(IPAddress.Parse(v6 ? "2001:db8::11" : "203.0.113.11"), (ushort)port, weight, method, tunnel, (ushort)tunPort, csum, (uint)upper, (uint)lower);

    [Fact]
    public void Service_RoundTrip_Property()
    {
        Prop.ForAll(Services.ToArbitrary(), s =>
            IpvsReplies.Service(IpvsMessages.Service(Family, 1, s), out _)!.Equals(s.Normalized() with { Destinations = [] }))
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Destination_RoundTrip_Property()
    {
        var service = VirtualServiceKey.ForAddress(LbProtocol.Tcp, IPAddress.Parse("198.51.100.5"), 80);
        Prop.ForAll(Destinations.ToArbitrary(), d =>
            IpvsReplies.Destination(IpvsMessages.Destination(Family, 5, service, d), service.Family, out _)!.Equals(d.Normalized()))
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Replies_CorruptedPayload_NeverThrow_Property()
    {
        var sample = IpvsMessages.Destination(Family, 5, VirtualServiceKey.ForFwMark(3),
            new RealServer(IPAddress.Parse("203.0.113.11"), 80, Method: LvsMethod.Tun, TunnelType: TunnelType.Gue, TunnelPort: 1));
        var service = IpvsMessages.Service(Family, 1, new VirtualService(VirtualServiceKey.ForAddress(LbProtocol.Tcp, IPAddress.Parse("2001:db8::1"), 80)) with { PersistenceEngine = "sip" });
        var corruptions =
            from which in Gen.Elements(sample, service)
            from cut in Gen.Choose(16, which.Length)
            from pos in Gen.Choose(16, which.Length - 1)
            from value in Gen.Choose(0, 255)
            select (which, cut, pos, value);

        Prop.ForAll(corruptions.ToArbitrary(), c =>
        {
            var bytes = c.which[..c.cut];
            if (c.pos < bytes.Length)
            {
                bytes[c.pos] = (byte)c.value;
            }

            _ = IpvsReplies.Service(bytes, out _);
            _ = IpvsReplies.Destination(bytes, AddressFamily.InterNetwork, out _);
            _ = IpvsReplies.Daemon(bytes);
            _ = IpvsReplies.Config(bytes);
            _ = IpvsReplies.Info(bytes);
            return true;
        }).QuickCheckThrowOnFailure();
    }
}
