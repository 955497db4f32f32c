using System.Net;

namespace Vigil.Vrrp.Packet.Tests;

public class InternetChecksumTests
{
    [Fact]
    public void Compute_Rfc1071Example_GivesComplementOfFoldedSum()
    {
        // RFC 1071 §3: 00 01 f2 03 f4 f5 f6 f7 sums to ddf2 (after folding); the checksum is its complement.
        byte[] data = [0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7];

        Assert.Equal(0x220d, InternetChecksum.Compute(data));
    }

    [Fact]
    public void Compute_OddLength_PadsWithZero()
    {
        Assert.Equal(InternetChecksum.Compute([0x12, 0x34, 0x56, 0x00]), InternetChecksum.Compute([0x12, 0x34, 0x56]));
    }

    [Fact]
    public void AddPseudoHeader_Ipv4_SumsSourceDestinationProtocolAndLength()
    {
        var withHelper = InternetChecksum.Finish(InternetChecksum.AddPseudoHeader(0, IPAddress.Parse("192.0.2.1"), IPAddress.Parse("224.0.0.18"), 12));
        byte[] explicitHeader = [192, 0, 2, 1, 224, 0, 0, 18, 0, 112, 0, 12];

        Assert.Equal(InternetChecksum.Compute(explicitHeader), withHelper);
    }

    [Fact]
    public void AddPseudoHeader_Ipv6_UsesThirtyTwoBitLength()
    {
        var withHelper = InternetChecksum.Finish(InternetChecksum.AddPseudoHeader(0, IPAddress.Parse("fe80::1"), IPAddress.Parse("ff02::12"), 24));
        var explicitHeader = IPAddress.Parse("fe80::1").GetAddressBytes()
            .Concat(IPAddress.Parse("ff02::12").GetAddressBytes())
            .Concat(new byte[] { 0, 0, 0, 24, 0, 0, 0, 112 })
            .ToArray();

        Assert.Equal(InternetChecksum.Compute(explicitHeader), withHelper);
    }
}
