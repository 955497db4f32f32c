using System.Net;
using System.Net.NetworkInformation;
using Vigil.Linux.Announce;
using Vigil.Linux.Tests.Vrrp;

namespace Vigil.Linux.Tests.Announce;

public class AnnouncementFramesTests
{
    private static readonly PhysicalAddress Mac = PhysicalAddress.Parse("02-00-C0-00-02-01");

    [Fact]
    public void GratuitousArp_IsByteForByteKeepalivedsFrame()
    {
        Assert.Equal(HexVector.Load("garp.hex"), AnnouncementFrames.GratuitousArp(Mac, IPAddress.Parse("192.0.2.100")));
    }

    [Theory]
    [InlineData(false, 0x20)]
    [InlineData(true, 0xA0)]
    public void UnsolicitedNeighborAdvertisement_HasRfc4861LayoutAndValidChecksum(bool router, byte flags)
    {
        var vip = IPAddress.Parse("2001:db8::100");
        var f = AnnouncementFrames.UnsolicitedNeighborAdvertisement(Mac, vip, router);
        byte[] v6 = [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, 0x00];
        byte[] expected =
        [
            0x33, 0x33, 0, 0, 0, 1, 0x02, 0x00, 0xc0, 0x00, 0x02, 0x01, 0x86, 0xdd,  // Ethernet to 33:33:00:00:00:01
            0x60, 0, 0, 0, 0, 32, 58, 255, .. v6,                                   // IPv6: payload 32, ICMPv6, hop limit 255, src VIP
            0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01,                 // dst ff02::1
            136, 0, f[56], f[57], flags, 0, 0, 0, .. v6,                             // NA, checksum, R|O flags, target VIP
            2, 1, 0x02, 0x00, 0xc0, 0x00, 0x02, 0x01,                               // Target Link-Layer Address option
        ];
        Assert.Equal(expected, f);
        Assert.Equal(0, VrrpTestPacket.Ipv6Checksum(vip, IPAddress.Parse("ff02::1"), 58, f.AsSpan(54)));
        Assert.NotEqual(0, f[56] | f[57]);
    }

    [Fact]
    public void Frames_WrongFamilyOrMac_AreRejected()
    {
        Assert.Throws<ArgumentException>(() => AnnouncementFrames.GratuitousArp(Mac, IPAddress.Parse("2001:db8::1")));
        Assert.Throws<ArgumentException>(() => AnnouncementFrames.UnsolicitedNeighborAdvertisement(Mac, IPAddress.Parse("192.0.2.1"), false));
        Assert.Throws<ArgumentException>(() => AnnouncementFrames.GratuitousArp(new PhysicalAddress([1, 2, 3]), IPAddress.Parse("192.0.2.1")));
    }
}
