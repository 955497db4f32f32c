using System.Net;
using FsCheck;
using FsCheck.Fluent;
using Vigil.Linux.Netlink;
using Vigil.Linux.Rtnl;

namespace Vigil.Linux.Tests.Rtnl;

public class AddressMessagesTests
{
    [Fact]
    public void Add_Ipv4WithEveryOption_MatchesKernelLayout()
    {
        var entry = new AddressEntry(3, IPAddress.Parse("192.0.2.10"), 24)
        {
            Broadcast = IPAddress.Parse("192.0.2.255"),
            Label = "eth0:1",
            Scope = RouteScope.Link,
            PreferredLifetime = 0,
            ValidLifetime = 100,
            Flags = AddressFlags.NoPrefixRoute,
            Protocol = 18,
        };

        byte[] expected =
        [
            0x60, 0, 0, 0, 0x14, 0, 0x00, 0x06, 0, 0, 0, 0, 0, 0, 0, 0, // nlmsghdr: 96 bytes, RTM_NEWADDR, CREATE|EXCL
            2, 24, 0x00, 253, 3, 0, 0, 0,                           // ifaddrmsg: AF_INET /24, flags&0xff=0, scope link, ifindex 3
            8, 0, 2, 0, 192, 0, 2, 10,                              // IFA_LOCAL
            8, 0, 1, 0, 192, 0, 2, 10,                              // IFA_ADDRESS (no peer: the address again)
            8, 0, 4, 0, 192, 0, 2, 255,                             // IFA_BROADCAST
            11, 0, 3, 0, (byte)'e', (byte)'t', (byte)'h', (byte)'0', (byte)':', (byte)'1', 0, 0, // IFA_LABEL + pad
            20, 0, 6, 0, 0, 0, 0, 0, 100, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, // IFA_CACHEINFO preferred 0, valid 100
            8, 0, 8, 0, 0x00, 0x02, 0, 0,                           // IFA_FLAGS NOPREFIXROUTE (0x200 only fits here)
            5, 0, 11, 0, 18, 0, 0, 0,                               // IFA_PROTO 18
        ];
        Assert.Equal(expected, AddressMessages.Add(entry, replace: false));
    }

    [Fact]
    public void Add_Ipv6VirtualAddress_HasNodadAndPreferredLifetimeZero()
    {
        var entry = AddressEntry.ForVirtualAddress(3, IPAddress.Parse("2001:db8::100"), 128);
        byte[] v6 = [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, 0x00];

        byte[] expected =
        [
            0x54, 0, 0, 0, 0x14, 0, 0x00, 0x06, 0, 0, 0, 0, 0, 0, 0, 0,
            10, 128, 0x02, 0, 3, 0, 0, 0,                           // AF_INET6 /128, IFA_F_NODAD in ifa_flags
            20, 0, 2, 0, .. v6,                                     // IFA_LOCAL
            20, 0, 1, 0, .. v6,                                     // IFA_ADDRESS
            20, 0, 6, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0, 0, 0, 0, 0, // preferred 0, valid forever
        ];
        Assert.Equal(expected, AddressMessages.Add(entry, replace: false));
    }

    [Fact]
    public void ForVirtualAddress_NodadOptionAndPreferredForever_KeepDadAndLifetime()
    {
        var e = AddressEntry.ForVirtualAddress(1, IPAddress.Parse("2001:db8::1"), 128, nodadOption: true, preferredForever: true);
        Assert.Equal(AddressFlags.None, e.Flags);
        Assert.Null(e.PreferredLifetime);

        var v6Prefix = AddressEntry.ForVirtualAddress(1, IPAddress.Parse("2001:db8::1"), 64);
        Assert.Equal(AddressFlags.NoDad, v6Prefix.Flags);
        Assert.Null(v6Prefix.PreferredLifetime); // only /128 is deprecated

        var v4 = AddressEntry.ForVirtualAddress(1, IPAddress.Parse("192.0.2.1"), 32);
        Assert.Equal(AddressFlags.None, v4.Flags);
    }

    [Fact]
    public void Delete_WithPeer_SendsLocalAndPeerAddress()
    {
        var entry = new AddressEntry(2, IPAddress.Parse("192.0.2.1"), 32) { Peer = IPAddress.Parse("192.0.2.2"), Label = "x", Flags = AddressFlags.NoDad };
        byte[] expected =
        [
            0x28, 0, 0, 0, 0x15, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,   // RTM_DELADDR, no flags
            2, 32, 0, 0, 2, 0, 0, 0,
            8, 0, 2, 0, 192, 0, 2, 1,
            8, 0, 1, 0, 192, 0, 2, 2,
        ];
        Assert.Equal(expected, AddressMessages.Delete(entry));
    }

    [Fact]
    public void Add_LabelOnIpv6_IsRejected()
    {
        var entry = new AddressEntry(2, IPAddress.Parse("2001:db8::1"), 64) { Label = "eth0:1" };
        Assert.Throws<ArgumentException>(() => AddressMessages.Add(entry, false));
    }

    [Fact]
    public void BroadcastOf_ComputesDirectedBroadcast()
    {
        Assert.Equal(IPAddress.Parse("192.0.2.255"), AddressEntry.BroadcastOf(IPAddress.Parse("192.0.2.10"), 24));
        Assert.Equal(IPAddress.Parse("198.51.100.7"), AddressEntry.BroadcastOf(IPAddress.Parse("198.51.100.4"), 30));
        Assert.Equal(IPAddress.Parse("203.0.113.9"), AddressEntry.BroadcastOf(IPAddress.Parse("203.0.113.9"), 32));
    }

    [Fact]
    public void TryParse_WhatAddEncodes_RoundTrips()
    {
        var cases =
            from v6 in Gen.Elements(true, false)
            from prefix in Gen.Choose(0, 32)
            from index in Gen.Choose(1, 1000)
            from flags in Gen.Elements(AddressFlags.None, AddressFlags.NoDad, AddressFlags.NoPrefixRoute | AddressFlags.HomeAddress, AddressFlags.ManageTempAddress)
            select (v6, prefix, index, flags);
        Prop.ForAll(
            cases.ToArbitrary(),
            c =>
            {
                var (v6, prefix, index, flags) = c;
                var address = v6 ? IPAddress.Parse("2001:db8::" + index.ToString("x", System.Globalization.CultureInfo.InvariantCulture)) : new IPAddress([192, 0, 2, (byte)index]);
                var entry = new AddressEntry(index, address, v6 ? prefix * 4 : prefix)
                {
                    Flags = flags,
                    Scope = RouteScope.Link,
                    PreferredLifetime = (uint)index,
                    ValidLifetime = AddressEntry.InfiniteLifetime,
                    Protocol = 18,
                    Peer = v6 || index % 2 == 0 ? null : IPAddress.Parse("192.0.2.250"),
                };
                var bytes = AddressMessages.Add(entry, replace: false);
                Assert.True(AddressMessages.TryParse(new NetlinkMessage(bytes), out var parsed));
                Assert.Equal(entry, parsed);
            }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void TryParse_TruncatedOrForeignMessage_ReturnsFalse()
    {
        var bytes = AddressMessages.Add(new AddressEntry(1, IPAddress.Parse("192.0.2.1"), 24), false);
        Assert.False(AddressMessages.TryParse(new NetlinkMessage(bytes.AsSpan(0, 20)), out _));
        bytes[4] = 16; // RTM_NEWLINK
        Assert.False(AddressMessages.TryParse(new NetlinkMessage(bytes), out _));
    }
}
