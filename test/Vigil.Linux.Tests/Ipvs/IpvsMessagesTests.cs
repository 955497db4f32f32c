using System.Net;
using System.Net.Sockets;
using Vigil.Lb;
using Vigil.Linux.Ipvs;

namespace Vigil.Linux.Tests.Ipvs;

/// <summary>
/// Every IPVS request, byte for byte against linux/ip_vs.h: nlmsghdr (len, type = family id, flags, seq 0,
/// pid 0), genlmsghdr (cmd, version 1, reserved), then 4-byte aligned attributes. Family id 0x20 is what
/// the lane's kernel assigned (it is dynamic).
/// </summary>
public class IpvsMessagesTests
{
    private const ushort Family = 0x20;

    private static readonly VirtualServiceKey Web = VirtualServiceKey.ForAddress(LbProtocol.Tcp, IPAddress.Parse("192.0.2.1"), 80);

    // nested IPVS_CMD_ATTR_SERVICE (1 | NLA_F_NESTED) holding AF, PROTOCOL, ADDR(16), PORT(be16) of TCP 192.0.2.1:80
    private static readonly byte[] WebIdentity =
    [
        48, 0, 1, 0x80,
        6, 0, 1, 0, 2, 0, 0, 0,                                // IPVS_SVC_ATTR_AF = AF_INET
        6, 0, 2, 0, 6, 0, 0, 0,                                // IPVS_SVC_ATTR_PROTOCOL = IPPROTO_TCP
        20, 0, 3, 0, 192, 0, 2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, // IPVS_SVC_ATTR_ADDR, 16 bytes
        6, 0, 4, 0, 0, 80, 0, 0,                               // IPVS_SVC_ATTR_PORT, big endian
    ];

    private static byte[] Header(int length, byte command, ushort flags = 0) =>
    [
        (byte)length, (byte)(length >> 8), 0, 0, (byte)Family, (byte)(Family >> 8), (byte)flags, (byte)(flags >> 8),
        0, 0, 0, 0, 0, 0, 0, 0,
        command, 1, 0, 0,
    ];

    private static byte[] Cat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    [Fact]
    public void GetInfo_IsCommand15WithNoAttributes()
    {
        Assert.Equal(Header(20, 15), IpvsMessages.GetInfo(Family));
    }

    [Fact]
    public void DumpServices_IsGetService4WithDumpFlag()
    {
        Assert.Equal(Header(20, 4, 0x300), IpvsMessages.DumpServices(Family));
    }

    [Fact]
    public void DumpDestinations_IsGetDest8WithTheServiceIdentity()
    {
        Assert.Equal(Cat(Header(68, 8, 0x300), WebIdentity), IpvsMessages.DumpDestinations(Family, Web));
    }

    [Fact]
    public void NewService_DefaultWlc_HasEveryRequiredAttribute()
    {
        var bytes = IpvsMessages.For(Family, new LbOperation.AddService(new VirtualService(Web)));

        byte[] expected = Cat(Header(104, 1),
        [
            84, 0, 1, 0x80,
            6, 0, 1, 0, 2, 0, 0, 0,
            6, 0, 2, 0, 6, 0, 0, 0,
            20, 0, 3, 0, 192, 0, 2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            6, 0, 4, 0, 0, 80, 0, 0,
            8, 0, 6, 0, (byte)'w', (byte)'l', (byte)'c', 0,        // IPVS_SVC_ATTR_SCHED_NAME
            12, 0, 7, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff,       // IPVS_SVC_ATTR_FLAGS {flags 0, mask ~0}
            8, 0, 8, 0, 0, 0, 0, 0,                                // IPVS_SVC_ATTR_TIMEOUT 0
            8, 0, 9, 0, 0xff, 0xff, 0xff, 0xff,                    // IPVS_SVC_ATTR_NETMASK 255.255.255.255
        ]);
        Assert.Equal(expected, bytes);
    }

    [Fact]
    public void SetService_PersistentFwMarkV6_EncodesFlagsTimeoutPrefixAndEngine()
    {
        var service = new VirtualService(VirtualServiceKey.ForFwMark(7, AddressFamily.InterNetworkV6)) with
        {
            Scheduler = "sh",
            SchedulerFlags = SchedulerFlagNames.Fallback | SchedulerFlagNames.Port,
            OnePacket = true,
            PersistenceTimeout = 360,
            PersistenceGranularity = 64,
            PersistenceEngine = "sip",
        };

        var bytes = IpvsMessages.For(Family, new LbOperation.EditService(service));

        byte[] expected = Cat(Header(84, 2),
        [
            64, 0, 1, 0x80,
            6, 0, 1, 0, 10, 0, 0, 0,                               // AF_INET6
            8, 0, 5, 0, 7, 0, 0, 0,                                // IPVS_SVC_ATTR_FWMARK 7 (no protocol/addr/port)
            7, 0, 6, 0, (byte)'s', (byte)'h', 0, 0,                // "sh\0" + 1 pad byte
            8, 0, 11, 0, (byte)'s', (byte)'i', (byte)'p', 0,       // IPVS_SVC_ATTR_PE_NAME
            12, 0, 7, 0, 0x1d, 0, 0, 0, 0xff, 0xff, 0xff, 0xff,    // PERSISTENT|ONEPACKET|SCHED1|SCHED2
            8, 0, 8, 0, 0x68, 0x01, 0, 0,                          // timeout 360 s
            8, 0, 9, 0, 64, 0, 0, 0,                               // IPv6: prefix length as a number
        ]);
        Assert.Equal(expected, bytes);
    }

    [Theory]
    [InlineData(24, new byte[] { 0xff, 0xff, 0xff, 0x00 })]
    [InlineData(16, new byte[] { 0xff, 0xff, 0x00, 0x00 })]
    [InlineData(0, new byte[] { 0, 0, 0, 0 })]
    public void NewService_V4Granularity_IsTheMaskInNetworkOrder(int prefix, byte[] mask)
    {
        var bytes = IpvsMessages.For(Family, new LbOperation.AddService(new VirtualService(Web) with { PersistenceTimeout = 50, PersistenceGranularity = prefix }));

        Assert.Equal([8, 0, 9, 0, .. mask], bytes[^8..]);
        Assert.Equal([12, 0, 7, 0, 1, 0, 0, 0, 0xff, 0xff, 0xff, 0xff], bytes[^28..^16]);
    }

    [Fact]
    public void DeleteService_IsCommand3WithTheIdentityOnly()
    {
        Assert.Equal(Cat(Header(68, 3), WebIdentity), IpvsMessages.For(Family, new LbOperation.DeleteService(Web)));
    }

    [Fact]
    public void NewDest_Nat_HasAddressPortFamilyMethodWeightThresholds()
    {
        var rs = new RealServer(IPAddress.Parse("203.0.113.11"), 8080, Weight: 3, UpperThreshold: 100, LowerThreshold: 10);

        var bytes = IpvsMessages.For(Family, new LbOperation.AddDestination(Web, rs));

        byte[] expected = Cat(Header(140, 5), WebIdentity,
        [
            72, 0, 2, 0x80,                                        // IPVS_CMD_ATTR_DEST, nested
            20, 0, 1, 0, 203, 0, 113, 11, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            6, 0, 2, 0, 0x1f, 0x90, 0, 0,                          // port 8080, big endian
            6, 0, 11, 0, 2, 0, 0, 0,                               // IPVS_DEST_ATTR_ADDR_FAMILY
            8, 0, 3, 0, 0, 0, 0, 0,                                // FWD_METHOD IP_VS_CONN_F_MASQ
            8, 0, 4, 0, 3, 0, 0, 0,                                // WEIGHT
            8, 0, 5, 0, 100, 0, 0, 0,                              // U_THRESH
            8, 0, 6, 0, 10, 0, 0, 0,                               // L_THRESH
        ]);
        Assert.Equal(expected, bytes);
    }

    [Fact]
    public void SetDest_GueTunnelToV6Server_AddsTunnelAttributes()
    {
        var rs = new RealServer(IPAddress.Parse("2001:db8::11"), 80, Weight: 1, Method: LvsMethod.Tun,
            TunnelType: TunnelType.Gue, TunnelPort: 6080, TunnelChecksum: TunnelChecksum.Csum);

        var bytes = IpvsMessages.For(Family, new LbOperation.EditDestination(Web, rs));

        byte[] expected = Cat(Header(164, 6), WebIdentity,
        [
            96, 0, 2, 0x80,
            20, 0, 1, 0, 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x11,
            6, 0, 2, 0, 0, 80, 0, 0,
            6, 0, 11, 0, 10, 0, 0, 0,                              // AF_INET6 server behind an IPv4 service
            8, 0, 3, 0, 2, 0, 0, 0,                                // IP_VS_CONN_F_TUNNEL
            8, 0, 4, 0, 1, 0, 0, 0,
            8, 0, 5, 0, 0, 0, 0, 0,
            8, 0, 6, 0, 0, 0, 0, 0,
            5, 0, 13, 0, 1, 0, 0, 0,                               // TUN_TYPE u8 GUE
            6, 0, 14, 0, 0x17, 0xc0, 0, 0,                         // TUN_PORT 6080 big endian
            6, 0, 15, 0, 1, 0, 0, 0,                               // TUN_FLAGS u16 CSUM
        ]);
        Assert.Equal(expected, bytes);
    }

    [Fact]
    public void SetDest_DirectRouting_IsMethod3WithoutTunnelAttributes()
    {
        var rs = new RealServer(IPAddress.Parse("203.0.113.11"), 80, Method: LvsMethod.Dr, TunnelType: TunnelType.Gue, TunnelPort: 1);

        var bytes = IpvsMessages.For(Family, new LbOperation.EditDestination(Web, rs));

        Assert.Equal(140, bytes.Length);
        Assert.Equal([8, 0, 3, 0, 3, 0, 0, 0], bytes[108..116]);
    }

    [Fact]
    public void DeleteDest_HasAddressPortAndFamilyOnly()
    {
        var bytes = IpvsMessages.For(Family, new LbOperation.DeleteDestination(Web, new DestinationKey(IPAddress.Parse("203.0.113.11"), 80)));

        byte[] expected = Cat(Header(108, 7), WebIdentity,
        [
            40, 0, 2, 0x80,
            20, 0, 1, 0, 203, 0, 113, 11, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            6, 0, 2, 0, 0, 80, 0, 0,
            6, 0, 11, 0, 2, 0, 0, 0,
        ]);
        Assert.Equal(expected, bytes);
    }

    [Fact]
    public void NewDaemon_EveryOption_IsEncodedInTheDaemonNest()
    {
        var daemon = new SyncDaemon(SyncDaemonState.Master, "eth0", SyncId: 5, MaxLength: 1472, Port: 8848, Ttl: 2, Group: IPAddress.Parse("224.0.0.81"));

        byte[] expected = Cat(Header(84, 9),
        [
            64, 0, 3, 0x80,                                        // IPVS_CMD_ATTR_DAEMON, nested
            8, 0, 1, 0, 1, 0, 0, 0,                                // STATE = IP_VS_STATE_MASTER
            9, 0, 2, 0, (byte)'e', (byte)'t', (byte)'h', (byte)'0', 0, 0, 0, 0, // MCAST_IFN "eth0\0" + pad
            8, 0, 3, 0, 5, 0, 0, 0,                                // SYNC_ID
            6, 0, 4, 0, 0xc0, 0x05, 0, 0,                          // SYNC_MAXLEN 1472 (u16)
            8, 0, 5, 0, 224, 0, 0, 81,                             // MCAST_GROUP in network order
            6, 0, 7, 0, 0x90, 0x22, 0, 0,                          // MCAST_PORT 8848, host order (unlike other ports)
            5, 0, 8, 0, 2, 0, 0, 0,                                // MCAST_TTL u8
        ]);
        Assert.Equal(expected, IpvsMessages.NewDaemon(Family, daemon));
    }

    [Fact]
    public void NewDaemon_V6Group_UsesGroup6()
    {
        var bytes = IpvsMessages.NewDaemon(Family, new SyncDaemon(SyncDaemonState.Backup, "eth1", Group: IPAddress.Parse("ff02::81")));

        Assert.Equal([20, 0, 6, 0, 0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x81], bytes[^20..]);
    }

    [Fact]
    public void DeleteDaemon_HasStateOnly()
    {
        Assert.Equal(Cat(Header(32, 10), [12, 0, 3, 0x80, 8, 0, 1, 0, 2, 0, 0, 0]), IpvsMessages.DeleteDaemon(Family, SyncDaemonState.Backup));
    }

    [Fact]
    public void DumpDaemons_IsGetDaemon11WithDumpFlag()
    {
        Assert.Equal(Header(20, 11, 0x300), IpvsMessages.DumpDaemons(Family));
    }

    [Fact]
    public void SetConfig_SendsOnlyTheGivenTimeouts()
    {
        byte[] expected = Cat(Header(36, 12),
        [
            8, 0, 4, 0, 0x84, 0x03, 0, 0,                          // IPVS_CMD_ATTR_TIMEOUT_TCP 900
            8, 0, 6, 0, 0x2c, 0x01, 0, 0,                          // IPVS_CMD_ATTR_TIMEOUT_UDP 300
        ]);
        Assert.Equal(expected, IpvsMessages.SetConfig(Family, new LvsTimeouts(900, null, 300)));
    }

    [Fact]
    public void SetConfig_AllThreeTimeouts_InAttributeOrder()
    {
        var bytes = IpvsMessages.SetConfig(Family, new LvsTimeouts(1, 2, 3));

        Assert.Equal(Cat(Header(44, 12), [8, 0, 4, 0, 1, 0, 0, 0, 8, 0, 5, 0, 2, 0, 0, 0, 8, 0, 6, 0, 3, 0, 0, 0]), bytes);
    }

    [Fact]
    public void GetConfigFlushAndZero_AreBareCommands()
    {
        Assert.Equal(Header(20, 13), IpvsMessages.GetConfig(Family));
        Assert.Equal(Header(20, 17), IpvsMessages.Flush(Family));
        Assert.Equal(Header(20, 16), IpvsMessages.Zero(Family));
    }
}
