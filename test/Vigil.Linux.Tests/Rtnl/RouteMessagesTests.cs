using System.Net;
using System.Net.Sockets;
using Vigil.Linux.Netlink;
using Vigil.Linux.Rtnl;

namespace Vigil.Linux.Tests.Rtnl;

public class RouteMessagesTests
{
    private static RouteEntry Multipath() => new(AddressFamily.InterNetwork)
    {
        Destination = IPAddress.Parse("198.51.100.0"),
        DestinationPrefixLength = 24,
        Table = 100,
        Metric = 10,
        Metrics = [new RouteMetric(RouteMetric.Mtu, 1400, Locked: true)],
        NextHops =
        [
            new RouteNextHop(IPAddress.Parse("192.0.2.1"), 2),
            new RouteNextHop(IPAddress.Parse("192.0.2.2"), 3, Weight: 3, OnLink: true),
        ],
    };

    [Fact]
    public void Add_MultipathWithLockedMtu_MatchesKernelLayout()
    {
        byte[] expected =
        [
            0x64, 0, 0, 0, 0x18, 0, 0x00, 0x04, 0, 0, 0, 0, 0, 0, 0, 0, // 100 bytes, RTM_NEWROUTE, NLM_F_CREATE (prepend)
            2, 24, 0, 0, 100, 18, 0, 1, 0, 0, 0, 0,                    // rtmsg: inet /24, table 100, proto 18, scope global, unicast
            8, 0, 1, 0, 198, 51, 100, 0,                               // RTA_DST
            8, 0, 6, 0, 10, 0, 0, 0,                                   // RTA_PRIORITY 10
            20, 0, 8, 0x80,                                            // RTA_METRICS (nested)
            8, 0, 1, 0, 4, 0, 0, 0,                                    //   RTAX_LOCK: 1 << RTAX_MTU
            8, 0, 2, 0, 0x78, 0x05, 0, 0,                              //   RTAX_MTU 1400
            36, 0, 9, 0,                                               // RTA_MULTIPATH (array of rtnexthop, not nested)
            16, 0, 0, 0, 2, 0, 0, 0,                                   //   len 16, flags 0, hops 0 (weight 1), ifindex 2
            8, 0, 5, 0, 192, 0, 2, 1,                                  //   RTA_GATEWAY
            16, 0, 4, 2, 3, 0, 0, 0,                                   //   RTNH_F_ONLINK, hops 2 (weight 3), ifindex 3
            8, 0, 5, 0, 192, 0, 2, 2,
        ];
        Assert.Equal(expected, RouteMessages.Add(Multipath(), RouteAddMode.Prepend));
    }

    [Fact]
    public void Add_LargeTableBlackholeIpv6_UsesRtaTableAndGlobalScope()
    {
        var r = new RouteEntry(AddressFamily.InterNetworkV6)
        {
            Destination = IPAddress.Parse("2001:db8:1::"),
            DestinationPrefixLength = 48,
            Table = 1000,
            Type = RouteType.Blackhole,
            Ipv6Preference = 1,
        };
        var bytes = RouteMessages.Add(r, RouteAddMode.Add);
        Assert.Equal([10, 48, 0, 0, 0, 18, 0, 6], bytes[16..24]);  // table in header is RT_TABLE_UNSPEC
        Assert.Equal([8, 0, 15, 0, 0xe8, 0x03, 0, 0], bytes[28..36]); // RTA_TABLE 1000
        Assert.Equal(0x600, BitConverter.ToUInt16(bytes, 6));
    }

    [Theory]
    [InlineData(null, RouteType.Unicast, RouteScope.Link)]       // direct unicast
    [InlineData("192.0.2.1", RouteType.Unicast, RouteScope.Universe)]
    [InlineData(null, RouteType.Local, RouteScope.Host)]
    [InlineData(null, RouteType.Broadcast, RouteScope.Link)]
    [InlineData(null, RouteType.Unreachable, RouteScope.Universe)]
    public void Add_NoScopeGiven_ChoosesAsIpRouteDoes(string? gateway, RouteType type, RouteScope scope)
    {
        var r = new RouteEntry(AddressFamily.InterNetwork) { Gateway = gateway is null ? null : IPAddress.Parse(gateway), Type = type, OutputInterface = 2 };
        Assert.Equal((byte)scope, RouteMessages.Add(r, RouteAddMode.Add)[22]);
        Assert.Equal((byte)RouteScope.Nowhere, RouteMessages.Delete(r)[22]);
    }

    [Fact]
    public void Add_Ipv4ViaIpv6Gateway_UsesRtaVia()
    {
        var r = new RouteEntry(AddressFamily.InterNetwork) { Gateway = IPAddress.Parse("2001:db8::1"), OutputInterface = 2 };
        var bytes = RouteMessages.Add(r, RouteAddMode.Add);
        Assert.Equal([22, 0, 18, 0, 10, 0, 0x20, 0x01], bytes[28..36]);
    }

    [Fact]
    public void TryParse_WhatAddEncodes_RoundTrips()
    {
        var r = Multipath() with
        {
            PreferredSource = IPAddress.Parse("192.0.2.10"),
            Tos = 0x10,
            Scope = RouteScope.Universe,
            Realms = 7,
            CongestionControl = "cubic",
            CongestionControlLocked = true,
            Metrics = [new RouteMetric(RouteMetric.Mtu, 1400, true), new RouteMetric(RouteMetric.AdvMss, 1360)],
        };
        Assert.True(RouteMessages.TryParse(new NetlinkMessage(RouteMessages.Add(r, RouteAddMode.Add)), out var parsed));
        Assert.Equal(r.Destination, parsed.Destination);
        Assert.Equal(r.PreferredSource, parsed.PreferredSource);
        Assert.Equal(100u, parsed.Table);
        Assert.Equal(10u, parsed.Metric);
        Assert.Equal(0x10, parsed.Tos);
        Assert.Equal(7u, parsed.Realms);
        Assert.Equal("cubic", parsed.CongestionControl);
        Assert.True(parsed.CongestionControlLocked);
        Assert.Equal(r.Metrics, parsed.Metrics);
        Assert.Equal(r.NextHops, parsed.NextHops);
        Assert.Equal(1400u, parsed.MetricValue(RouteMetric.Mtu));
    }

    [Fact]
    public void Add_BadWeightOrFamilyMix_IsRejected()
    {
        var bad = Multipath() with { NextHops = [new RouteNextHop(IPAddress.Parse("192.0.2.1"), 2, Weight: 0)] };
        Assert.Throws<ArgumentOutOfRangeException>(() => RouteMessages.Add(bad, RouteAddMode.Add));
        var mixed = new RouteEntry(AddressFamily.InterNetwork) { Destination = IPAddress.Parse("2001:db8::"), DestinationPrefixLength = 32 };
        Assert.Throws<ArgumentException>(() => RouteMessages.Add(mixed, RouteAddMode.Add));
    }
}
