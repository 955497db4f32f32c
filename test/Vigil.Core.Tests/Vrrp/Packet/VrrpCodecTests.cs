using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Vigil.Vrrp.Packet;

namespace Vigil.Vrrp.Packet.Tests;

public class VrrpCodecTests
{
    [Theory]
    [InlineData(nameof(KeepalivedVectors.V2Advert), 2, 51, 150, 1000, "192.0.2.100", 0x8665)]
    [InlineData(nameof(KeepalivedVectors.V2Prio0), 2, 51, 0, 1000, "192.0.2.100", 0x1c66)]
    [InlineData(nameof(KeepalivedVectors.V2AuthAdvert), 2, 52, 120, 1000, "192.0.2.101,192.0.2.102,192.0.2.103", 0xb114)]
    [InlineData(nameof(KeepalivedVectors.V2AuthPrio0), 2, 52, 0, 1000, "192.0.2.101,192.0.2.102,192.0.2.103", 0x2915)]
    [InlineData(nameof(KeepalivedVectors.V3Advert), 3, 53, 150, 100, "192.0.2.100", 0xd3c9)]
    [InlineData(nameof(KeepalivedVectors.V3Prio0), 3, 53, 0, 100, "192.0.2.100", 0x69ca)]
    [InlineData(nameof(KeepalivedVectors.V3Ipv6Advert), 3, 54, 150, 1000, "2001:db8::100", 0x4a8b)]
    [InlineData(nameof(KeepalivedVectors.V3Ipv6Prio0), 3, 54, 0, 1000, "2001:db8::100", 0xe08b)]
    public void Decode_KeepalivedCapture_YieldsCapturedFields(string vector, int version, int vrid, int priority, int intervalMs, string vips, int checksum)
    {
        var frame = CapturedFrame.Parse(KeepalivedVectors.Get(vector));

        var advert = VrrpCodec.Decode(frame.Payload, frame.Meta.Source.AddressFamily);

        Assert.Equal((VrrpVersion)version, advert.Version);
        Assert.Equal(vrid, advert.VirtualRouterId);
        Assert.Equal(priority, advert.Priority);
        Assert.Equal(TimeSpan.FromMilliseconds(intervalMs), advert.AdvertisementInterval);
        Assert.Equal(vips.Split(',').Select(IPAddress.Parse), advert.Addresses);
        Assert.Equal(checksum, advert.Checksum);
        Assert.Equal(255, frame.Meta.TtlOrHopLimit);
    }

    [Theory]
    [InlineData(nameof(KeepalivedVectors.V2Advert))]
    [InlineData(nameof(KeepalivedVectors.V2Prio0))]
    [InlineData(nameof(KeepalivedVectors.V2AuthAdvert))]
    [InlineData(nameof(KeepalivedVectors.V2AuthPrio0))]
    [InlineData(nameof(KeepalivedVectors.V3Advert))]
    [InlineData(nameof(KeepalivedVectors.V3Prio0))]
    [InlineData(nameof(KeepalivedVectors.V3Ipv6Advert))]
    [InlineData(nameof(KeepalivedVectors.V3Ipv6Prio0))]
    public void Encode_DecodedKeepalivedCapture_ReproducesTheBytes(string vector)
    {
        var frame = CapturedFrame.Parse(KeepalivedVectors.Get(vector));
        var family = frame.Meta.Source.AddressFamily;
        var advert = VrrpCodec.Decode(frame.Payload, family);
        var mode = advert.Version == VrrpVersion.V2 ? VrrpChecksumMode.MessageOnly : VrrpChecksumMode.PseudoHeader;

        var encoded = VrrpCodec.Encode(advert, family, mode, frame.Meta.Source, frame.Meta.Destination);

        Assert.Equal(Convert.ToHexString(frame.Payload), Convert.ToHexString(encoded));
    }

    [Theory]
    [InlineData(nameof(KeepalivedVectors.V2Advert), false)]
    [InlineData(nameof(KeepalivedVectors.V2AuthPrio0), false)]
    [InlineData(nameof(KeepalivedVectors.V3Advert), true)]
    [InlineData(nameof(KeepalivedVectors.V3Prio0), true)]
    [InlineData(nameof(KeepalivedVectors.V3Ipv6Advert), true)]
    public void VerifyChecksum_KeepalivedCapture_HoldsOnlyForItsAlgorithm(string vector, bool pseudoHeader)
    {
        var frame = CapturedFrame.Parse(KeepalivedVectors.Get(vector));
        var mode = pseudoHeader ? VrrpChecksumMode.PseudoHeader : VrrpChecksumMode.MessageOnly;
        var other = mode == VrrpChecksumMode.MessageOnly ? VrrpChecksumMode.PseudoHeader : VrrpChecksumMode.MessageOnly;

        Assert.True(VrrpCodec.VerifyChecksum(frame.Payload, mode, frame.Meta.Source, frame.Meta.Destination));
        Assert.False(VrrpCodec.VerifyChecksum(frame.Payload, other, frame.Meta.Source, frame.Meta.Destination));
    }

    [Fact]
    public void Encode_V3Ipv4WithoutPseudoHeader_MatchesRfc9568Sum()
    {
        // v3_checksum_as_v2 (RFC 9568 §5.2.8): the same message as V3Advert, summed alone.
        var advert = new VrrpAdvert(VrrpVersion.V3, 53, 150, TimeSpan.FromMilliseconds(100), [IPAddress.Parse("192.0.2.100")]);

        var bytes = VrrpCodec.Encode(advert, AddressFamily.InterNetwork, VrrpChecksumMode.MessageOnly);

        // 0x3135 + 0x9601 + 0x000a + 0xc000 + 0x0264 = 0x1_89A4, folded 0x89A5, complemented 0x765A.
        Assert.Equal("31359601000A765AC0000264", Convert.ToHexString(bytes));
    }

    [Fact]
    public void Encode_V3Ipv4PseudoHeader_DependsOnTheDestination()
    {
        var advert = new VrrpAdvert(VrrpVersion.V3, 53, 150, TimeSpan.FromMilliseconds(100), [IPAddress.Parse("192.0.2.100")]);
        var src = IPAddress.Parse("192.0.2.1");

        var multicast = VrrpCodec.Encode(advert, AddressFamily.InterNetwork, VrrpChecksumMode.PseudoHeader, src, IPAddress.Parse("224.0.0.18"));
        var unicast = VrrpCodec.Encode(advert, AddressFamily.InterNetwork, VrrpChecksumMode.PseudoHeader, src, IPAddress.Parse("192.0.2.2"));

        Assert.Equal(0xd3c9, BinaryPrimitives.ReadUInt16BigEndian(multicast.AsSpan(6)));
        Assert.NotEqual(multicast[6..8], unicast[6..8]);
        Assert.Equal(multicast[8..], unicast[8..]);
    }

    [Fact]
    public void Encode_V2WithPass_WritesTypeIntervalAndPaddedPassword()
    {
        var advert = new VrrpAdvert(VrrpVersion.V2, 7, 100, TimeSpan.FromSeconds(3), [IPAddress.Parse("192.0.2.9")])
        {
            AuthType = VrrpAuthType.Pass,
            AuthData = VrrpCodec.PassAuthData("abc"),
        };

        var bytes = VrrpCodec.Encode(advert, AddressFamily.InterNetwork, VrrpChecksumMode.MessageOnly);

        Assert.Equal("210764010103F387C00002096162630000000000", Convert.ToHexString(bytes));
        Assert.True(VrrpCodec.VerifyChecksum(bytes, VrrpChecksumMode.MessageOnly, null, null));
    }

    [Theory]
    [InlineData("secret12", "7365637265743132")]
    [InlineData("secret12345", "7365637265743132")]
    [InlineData("abc", "6162630000000000")]
    [InlineData("", "0000000000000000")]
    [InlineData(null, "0000000000000000")]
    public void PassAuthData_TruncatesAndPadsToEightBytes(string? password, string expected) =>
        Assert.Equal(expected, Convert.ToHexString(VrrpCodec.PassAuthData(password).AsSpan()));

    [Theory]
    [InlineData(VrrpVersion.V2, 1000, 1)]
    [InlineData(VrrpVersion.V2, 255_000, 255)]
    [InlineData(VrrpVersion.V2, 300_000, 255)]
    [InlineData(VrrpVersion.V3, 10, 1)]
    [InlineData(VrrpVersion.V3, 1000, 100)]
    [InlineData(VrrpVersion.V3, 40_950, 4095)]
    [InlineData(VrrpVersion.V3, 60_000, 4095)]
    public void EncodeInterval_ConvertsToWireUnits(VrrpVersion version, int milliseconds, int expected) =>
        Assert.Equal(expected, VrrpCodec.EncodeInterval(version, TimeSpan.FromMilliseconds(milliseconds)));

    [Fact]
    public void Encode_V3MaxInterval_KeepsReservedBitsZero()
    {
        var advert = new VrrpAdvert(VrrpVersion.V3, 1, 1, TimeSpan.FromMilliseconds(40_950), [IPAddress.Parse("192.0.2.1")]);

        var bytes = VrrpCodec.Encode(advert, AddressFamily.InterNetwork, VrrpChecksumMode.MessageOnly);

        Assert.Equal(0x0F, bytes[4]);
        Assert.Equal(0xFF, bytes[5]);
        Assert.Equal(TimeSpan.FromMilliseconds(40_950), VrrpCodec.Decode(bytes, AddressFamily.InterNetwork).AdvertisementInterval);
    }

    [Fact]
    public void Encode_AddressOfWrongFamily_Throws()
    {
        var advert = new VrrpAdvert(VrrpVersion.V3, 1, 1, TimeSpan.FromSeconds(1), [IPAddress.Parse("2001:db8::1")]);

        Assert.Throws<ArgumentException>(() => VrrpCodec.Encode(advert, AddressFamily.InterNetwork, VrrpChecksumMode.MessageOnly));
    }

    [Fact]
    public void TryReadHeader_SevenBytes_IsFalse()
    {
        Assert.False(VrrpCodec.TryReadHeader(new byte[7], out _));
        Assert.True(VrrpCodec.TryReadHeader(new byte[8], out _));
    }

    [Fact]
    public void ReadAddresses_Ipv6_ReadsSixteenByteEntries()
    {
        var frame = CapturedFrame.Parse(KeepalivedVectors.V3Ipv6Advert);

        var list = VrrpCodec.ReadAddresses(frame.Payload, AddressFamily.InterNetworkV6, 1);

        Assert.Equal([IPAddress.Parse("2001:db8::100")], list.ToArray());
    }
}
