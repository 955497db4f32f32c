using System.Net;
using System.Net.Sockets;
using Vigil.Linux.Interop;
using Vigil.Linux.Vrrp;
using Vigil.Testing;

namespace Vigil.Linux.Tests.Vrrp;

public class VrrpSocketTests
{
    private static readonly IPAddress Group4 = IPAddress.Parse("224.0.0.18");
    private static readonly IPAddress Group6 = IPAddress.Parse("ff02::12");

    internal static async Task<VrrpDatagram> ReceiveWithinAsync(VrrpSocket socket, byte[] buffer, double seconds = 5)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        try
        {
            return await socket.ReceiveAsync(buffer, cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new Xunit.Sdk.XunitException($"no VRRP datagram on {socket.Options.InterfaceName} within {seconds} s");
        }
    }

    [Fact]
    public void Ipv4Header_Write_MatchesKeepalivedCapture()
    {
        var frame = HexVector.Load("v2-advert.hex");
        var header = new byte[20];
        Ipv4Header.Write(header, 20, id: 1, ttl: 255, IPAddress.Parse("192.0.2.1"), Group4);
        Assert.Equal(frame[14..34], header);
        Assert.Equal(frame[34..54], VrrpTestPacket.V2(51, 150, 1, IPAddress.Parse("192.0.2.100")));
    }

    [Fact]
    public void Open_BadOptions_AreRejectedBeforeAnySyscall()
    {
        Assert.Throws<ArgumentException>(() => VrrpSocket.Open(new VrrpSocketOptions("lo", AddressFamily.InterNetwork) { UnicastSource = IPAddress.Parse("2001:db8::1") }));
        Assert.Throws<ArgumentException>(() => VrrpSocket.Open(new VrrpSocketOptions("lo", AddressFamily.InterNetwork) { MulticastGroup = IPAddress.Parse("192.0.2.1") }));
        Assert.Throws<ArgumentOutOfRangeException>(() => VrrpSocket.Open(new VrrpSocketOptions("lo", AddressFamily.InterNetwork) { UnicastTtl = 0 }));
    }

    [NetFact]
    public void Open_MissingInterface_ThrowsErrno()
    {
        using var lab = new Lab();
        var h = lab.Host("h");
        var e = Assert.Throws<AggregateException>(() => h.Run(() => VrrpSocket.Open(new VrrpSocketOptions("nosuch0", AddressFamily.InterNetwork))));
        Assert.Equal(Errno.ENODEV, Assert.IsType<ErrnoException>(e.InnerException).Errno);
    }

    [NetFact("tcpdump")]
    public async Task V2Multicast_BetweenHostsOnBridge_ArrivesWithTtl255PktinfoAndCleanChecksums()
    {
        using var lab = new Lab();
        var sw = lab.Switch();
        var a = lab.Host("a");
        var b = lab.Host("b");
        lab.Attach(a, "eth0", sw);
        lab.Attach(b, "eth0", sw);
        a.AddAddress("eth0", "192.0.2.1/24");
        b.AddAddress("eth0", "192.0.2.2/24");
        using var capture = PacketCapture.Start(lab, sw, "ip proto 112");

        using var tx = a.Run(() => VrrpSocket.Open(new VrrpSocketOptions("eth0", AddressFamily.InterNetwork)));
        using var rx = b.Run(() => VrrpSocket.Open(new VrrpSocketOptions("eth0", AddressFamily.InterNetwork)));
        using var rxUnicast = b.Run(() => VrrpSocket.Open(new VrrpSocketOptions("eth0", AddressFamily.InterNetwork) { UnicastSource = IPAddress.Parse("192.0.2.2") }));
        var advert = VrrpTestPacket.V2(51, 150, 1, IPAddress.Parse("192.0.2.100"), IPAddress.Parse("192.0.2.101"));
        var buffer = new byte[2048];

        tx.Send(advert, IPAddress.Parse("192.0.2.1"), Group4, ipId: 7);
        var d = await ReceiveWithinAsync(rx, buffer);

        Assert.Equal(advert, d.Payload.ToArray());
        Assert.Equal(IPAddress.Parse("192.0.2.1"), d.Source);
        Assert.Equal(Group4, d.Destination);
        Assert.Equal(255, d.HopLimit);
        Assert.Equal(20 + advert.Length, d.IpTotalLength);
        Assert.Equal(20, d.IpHeaderLength);
        Assert.Equal(rx.InterfaceIndex, d.InterfaceIndex);

        // The unicast-mode socket must not see the multicast advert, and the multicast one not a unicast advert:
        // the first datagram each gets is the one addressed to it.
        tx.Send(advert, IPAddress.Parse("192.0.2.1"), IPAddress.Parse("192.0.2.2"), ipId: 8);
        var u = await ReceiveWithinAsync(rxUnicast, buffer);
        Assert.Equal(IPAddress.Parse("192.0.2.2"), u.Destination);
        tx.Send(advert, IPAddress.Parse("192.0.2.1"), Group4, ipId: 9);
        Assert.Equal(Group4, (await ReceiveWithinAsync(rx, buffer)).Destination);

        // No multicast loopback: the first datagram the sender's socket gets is b's, not one of its own.
        rx.Send(advert, IPAddress.Parse("192.0.2.2"), Group4, ipId: 1);
        Assert.Equal(IPAddress.Parse("192.0.2.2"), (await ReceiveWithinAsync(tx, buffer)).Source);

        var text = capture.Decode(4);
        Assert.Contains("tos 0xc0, ttl 255, id 7, offset 0, flags [none], proto VRRP (112), length 44", text, StringComparison.Ordinal);
        Assert.Contains("192.0.2.1 > 224.0.0.18: VRRPv2, Advertisement, vrid 51, prio 150, authtype none, intvl 1s, length 24, addrs(2): 192.0.2.100,192.0.2.101", text, StringComparison.Ordinal);
        Assert.DoesNotContain("bad", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("incorrect", text, StringComparison.OrdinalIgnoreCase);
    }

    [NetFact]
    public async Task Unicast_ToPeerOnAnotherSubnet_IsRoutedThroughRouter()
    {
        using var lab = new Lab();
        var a = lab.Host("a");
        var r = lab.Host("r");
        var b = lab.Host("b");
        lab.Link(a, "eth0", r, "ra");
        lab.Link(r, "rb", b, "eth0");
        a.AddAddress("eth0", "192.0.2.1/24");
        r.AddAddress("ra", "192.0.2.254/24");
        r.AddAddress("rb", "198.51.100.254/24");
        b.AddAddress("eth0", "198.51.100.1/24");
        a.Ip("route", "add", "default", "via", "192.0.2.254");
        b.Ip("route", "add", "default", "via", "198.51.100.254");
        r.Exec("sysctl", "-qw", "net.ipv4.ip_forward=1").EnsureSuccess("ip_forward");

        using var tx = a.Run(() => VrrpSocket.Open(new VrrpSocketOptions("eth0", AddressFamily.InterNetwork) { UnicastSource = IPAddress.Parse("192.0.2.1") }));
        using var rx = b.Run(() => VrrpSocket.Open(new VrrpSocketOptions("eth0", AddressFamily.InterNetwork) { UnicastSource = IPAddress.Parse("198.51.100.1") }));
        var advert = VrrpTestPacket.V2(60, 100, 1, IPAddress.Parse("203.0.113.10"));
        var buffer = new byte[2048];

        tx.Send(advert, IPAddress.Parse("192.0.2.1"), IPAddress.Parse("198.51.100.1"), ipId: 42);
        var d = await ReceiveWithinAsync(rx, buffer);

        Assert.Equal(advert, d.Payload.ToArray());
        Assert.Equal(IPAddress.Parse("192.0.2.1"), d.Source);
        Assert.Equal(IPAddress.Parse("198.51.100.1"), d.Destination);
        Assert.Equal(254, d.HopLimit); // sent with 255, one router hop
        Assert.Equal(rx.InterfaceIndex, d.InterfaceIndex);

        tx.Send(advert, IPAddress.Parse("192.0.2.1"), IPAddress.Parse("198.51.100.1"), ipId: 43, unicastTtl: 10);
        Assert.Equal(9, (await ReceiveWithinAsync(rx, buffer)).HopLimit); // per-send unicast_ttl
    }

    [NetFact("tcpdump")]
    public async Task V3Ipv6_MulticastAndUnicast_HopLimitPktinfoAndKernelChecksum()
    {
        using var lab = new Lab();
        var sw = lab.Switch();
        var a = lab.Host("a");
        var b = lab.Host("b");
        lab.Attach(a, "eth0", sw);
        lab.Attach(b, "eth0", sw);
        foreach (var (h, n) in new[] { (a, "1"), (b, "2") })
        {
            h.Ip("-6", "addr", "add", $"fe80::{n}/64", "dev", "eth0", "nodad");
            h.Ip("-6", "addr", "add", $"2001:db8::{n}/64", "dev", "eth0", "nodad");
        }

        using var capture = PacketCapture.Start(lab, sw, "ip6 proto 112");
        using var tx = a.Run(() => VrrpSocket.Open(new VrrpSocketOptions("eth0", AddressFamily.InterNetworkV6)));
        using var rx = b.Run(() => VrrpSocket.Open(new VrrpSocketOptions("eth0", AddressFamily.InterNetworkV6)));
        using var txUnicast = a.Run(() => VrrpSocket.Open(new VrrpSocketOptions("eth0", AddressFamily.InterNetworkV6) { UnicastSource = IPAddress.Parse("2001:db8::1"), UnicastTtl = 7 }));
        using var rxUnicast = b.Run(() => VrrpSocket.Open(new VrrpSocketOptions("eth0", AddressFamily.InterNetworkV6) { UnicastSource = IPAddress.Parse("2001:db8::2") }));
        var advert = VrrpTestPacket.V3Ipv6(54, 150, 100, IPAddress.Parse("fe80::100"), IPAddress.Parse("2001:db8::100"));
        var buffer = new byte[2048];

        tx.Send(advert, IPAddress.Parse("fe80::1"), Group6);
        var d = await ReceiveWithinAsync(rx, buffer);

        Assert.Equal(255, d.HopLimit);
        Assert.Equal(IPAddress.Parse("fe80::1"), new IPAddress(d.Source.GetAddressBytes()));
        Assert.Equal(rx.InterfaceIndex, (int)d.Source.ScopeId);
        Assert.Equal(Group6, d.Destination);
        Assert.Equal(rx.InterfaceIndex, d.InterfaceIndex);
        Assert.Equal(0, d.IpTotalLength);
        Assert.Equal(advert[..6], d.Payload.ToArray()[..6]);
        Assert.Equal(advert[8..], d.Payload.ToArray()[8..]);
        Assert.NotEqual(0, d.Payload.Span[6] | d.Payload.Span[7]); // the kernel filled the checksum (IPV6_CHECKSUM 6)
        Assert.Equal(0, VrrpTestPacket.Ipv6Checksum(IPAddress.Parse("fe80::1"), Group6, 112, d.Payload.Span));

        txUnicast.Send(advert, IPAddress.Parse("2001:db8::1"), IPAddress.Parse("2001:db8::2"));
        var u = await ReceiveWithinAsync(rxUnicast, buffer);
        Assert.Equal(7, u.HopLimit); // unicast_ttl applies to unicast IPv6
        Assert.Equal(IPAddress.Parse("2001:db8::1"), u.Source);
        Assert.Equal(IPAddress.Parse("2001:db8::2"), u.Destination);
        txUnicast.Send(advert, IPAddress.Parse("2001:db8::1"), IPAddress.Parse("2001:db8::2"), unicastTtl: 33);
        Assert.Equal(33, (await ReceiveWithinAsync(rxUnicast, buffer)).HopLimit); // per-send IPV6_HOPLIMIT

        var text = capture.Decode(3);
        Assert.Contains("fe80::1 > ff02::12: VRRPv3, Advertisement, vrid 54, prio 150, intvl 100cs, length 40, addrs(2): fe80::100,2001:db8::100", text, StringComparison.Ordinal);
        Assert.Contains("IP6 (class 0xc0, flowlabel", text, StringComparison.Ordinal);
        Assert.Contains("hlim 255, next-header VRRP (112) payload length: 40) fe80::1 > ff02::12", text, StringComparison.Ordinal);
        Assert.Contains("hlim 7, next-header VRRP (112) payload length: 40) 2001:db8::1 > 2001:db8::2", text, StringComparison.Ordinal);
        Assert.DoesNotContain("bad", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("incorrect", text, StringComparison.OrdinalIgnoreCase);
    }

    [NetFact]
    public void Pool_SameKeySharesOneSocket_LastReleaseCloses()
    {
        using var lab = new Lab();
        var h = lab.Host("h");
        h.Ip("link", "add", "v0", "type", "veth", "peer", "name", "v1");
        h.Ip("link", "set", "v0", "up");
        using var pool = new VrrpSocketPool();
        var (first, second, unicast) = h.Run(() => (
            pool.Acquire(new VrrpSocketOptions("v0", AddressFamily.InterNetwork)),
            pool.Acquire(new VrrpSocketOptions("v0", AddressFamily.InterNetwork) { UnicastTtl = 9 }),
            pool.Acquire(new VrrpSocketOptions("v0", AddressFamily.InterNetwork) { UnicastSource = IPAddress.Parse("192.0.2.1") })));

        Assert.Same(first, second);
        Assert.NotSame(first, unicast);
        Assert.Equal(2, pool.Count);
        pool.Release(first);
        Assert.Equal(2, pool.Count);
        pool.Release(second);
        Assert.Equal(1, pool.Count);
        Assert.Throws<ObjectDisposedException>(() => first.Send([0x21], IPAddress.Parse("192.0.2.1"), Group4));
        Assert.Throws<InvalidOperationException>(() => pool.Release(first));
    }

    [NetFact]
    public async Task Dispose_EndsPendingReceive_WithObjectDisposed()
    {
        using var lab = new Lab();
        var h = lab.Host("h");
        h.Ip("link", "add", "v0", "type", "veth", "peer", "name", "v1");
        h.Ip("link", "set", "v0", "up");
        var socket = h.Run(() => VrrpSocket.Open(new VrrpSocketOptions("v0", AddressFamily.InterNetworkV6)));
        var pending = socket.ReceiveAsync(new byte[2048]).AsTask();
        await Task.Yield();
        Assert.False(pending.IsCompleted);
        socket.Dispose();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => pending.WaitAsync(TimeSpan.FromSeconds(5)));
    }
}
