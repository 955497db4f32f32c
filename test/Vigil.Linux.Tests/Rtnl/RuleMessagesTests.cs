using System.Net;
using System.Net.Sockets;
using Vigil.Linux.Netlink;
using Vigil.Linux.Rtnl;

namespace Vigil.Linux.Tests.Rtnl;

public class RuleMessagesTests
{
    private static RuleEntry Everything() => new(AddressFamily.InterNetwork)
    {
        From = IPAddress.Parse("192.0.2.0"),
        FromPrefixLength = 24,
        To = IPAddress.Parse("198.51.100.0"),
        ToPrefixLength = 24,
        Tos = 0x10,
        Table = 100,
        Priority = 1000,
        FirewallMark = 0x10,
        FirewallMask = 0xff,
        InputInterface = "eth0",
        OutputInterface = "eth1",
        UidRange = (1000, 2000),
        SourcePortRange = (1024, 2048),
        DestinationPortRange = (80, 80),
        IpProtocol = 6,
        SuppressPrefixLength = 0,
    };

    [Fact]
    public void Add_EveryMatch_MatchesKernelLayout()
    {
        byte[] expected =
        [
            0x90, 0, 0, 0, 0x20, 0, 0x00, 0x06, 0, 0, 0, 0, 0, 0, 0, 0, // 144 bytes, RTM_NEWRULE, CREATE|EXCL
            2, 24, 24, 0x10, 100, 0, 0, 1, 0, 0, 0, 0,                 // fib_rule_hdr: dst_len, src_len, tos, table 100, FR_ACT_TO_TBL
            8, 0, 6, 0, 0xe8, 0x03, 0, 0,                              // FRA_PRIORITY 1000
            8, 0, 1, 0, 198, 51, 100, 0,                               // FRA_DST
            8, 0, 2, 0, 192, 0, 2, 0,                                  // FRA_SRC
            8, 0, 10, 0, 0x10, 0, 0, 0,                                // FRA_FWMARK
            8, 0, 16, 0, 0xff, 0, 0, 0,                                // FRA_FWMASK
            8, 0, 14, 0, 0, 0, 0, 0,                                   // FRA_SUPPRESS_PREFIXLEN 0
            9, 0, 3, 0, (byte)'e', (byte)'t', (byte)'h', (byte)'0', 0, 0, 0, 0,  // FRA_IIFNAME
            9, 0, 17, 0, (byte)'e', (byte)'t', (byte)'h', (byte)'1', 0, 0, 0, 0, // FRA_OIFNAME
            12, 0, 20, 0, 0xe8, 0x03, 0, 0, 0xd0, 0x07, 0, 0,          // FRA_UID_RANGE 1000-2000
            5, 0, 21, 0, 18, 0, 0, 0,                                  // FRA_PROTOCOL keepalived
            5, 0, 22, 0, 6, 0, 0, 0,                                   // FRA_IP_PROTO tcp
            8, 0, 23, 0, 0x00, 0x04, 0x00, 0x08,                       // FRA_SPORT_RANGE 1024-2048
            8, 0, 24, 0, 80, 0, 80, 0,                                 // FRA_DPORT_RANGE 80
        ];
        Assert.Equal(expected, RuleMessages.Add(Everything()));
    }

    [Fact]
    public void Add_NoTable_LooksUpMain_GotoUsesGotoAction()
    {
        var plain = RuleMessages.Add(new RuleEntry(AddressFamily.InterNetwork) { Priority = 5 });
        Assert.Equal(254, plain[20]);
        Assert.Equal((byte)RuleAction.ToTable, plain[23]);

        var jump = RuleMessages.Add(new RuleEntry(AddressFamily.InterNetworkV6) { Priority = 5, Goto = 100 });
        Assert.Equal(0, jump[20]);
        Assert.Equal((byte)RuleAction.Goto, jump[23]);

        var big = RuleMessages.Add(new RuleEntry(AddressFamily.InterNetwork) { Table = 1000 });
        Assert.Equal(0, big[20]);
    }

    [Fact]
    public void TryParse_WhatAddEncodes_RoundTrips()
    {
        var r = Everything() with { Invert = true, Realms = 3, TunnelId = 0x0102030405060708, SuppressInterfaceGroup = 4, L3mdev = false };
        Assert.True(RuleMessages.TryParse(new NetlinkMessage(RuleMessages.Add(r)), out var parsed));
        Assert.Equal(r with { Action = RuleAction.ToTable }, parsed);
    }
}
