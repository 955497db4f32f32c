using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using Vigil.Vrrp.Packet;

namespace Vigil.Vrrp.Packet.Tests;

/// <summary>An Ethernet II frame carrying VRRP, split into the VRRP payload and the metadata a raw socket reports.</summary>
internal sealed record CapturedFrame(byte[] Payload, VrrpReceiveMeta Meta)
{
    public static byte[] FromHex(string hex) =>
        hex.Split([' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries)
           .Select(b => byte.Parse(b, NumberStyles.HexNumber, CultureInfo.InvariantCulture))
           .ToArray();

    public static CapturedFrame Parse(string hex, string interfaceName = "eth0")
    {
        var frame = FromHex(hex);
        var etherType = BinaryPrimitives.ReadUInt16BigEndian(frame.AsSpan(12, 2));
        var ip = frame.AsSpan(14);
        if (etherType == 0x0800)
        {
            var ihl = (ip[0] & 0x0F) * 4;
            var total = BinaryPrimitives.ReadUInt16BigEndian(ip.Slice(2, 2));
            Assert.Equal(112, ip[9]);
            var dst = new IPAddress(ip.Slice(16, 4));
            var meta = new VrrpReceiveMeta(interfaceName, new IPAddress(ip.Slice(12, 4)), dst, ip[8], !IsMulticast(dst))
            {
                IpHeaderLength = ihl,
                IpTotalLength = total,
            };
            return new(ip[ihl..].ToArray(), meta);
        }

        Assert.Equal(0x86DD, etherType);
        Assert.Equal(112, ip[6]);
        var length = BinaryPrimitives.ReadUInt16BigEndian(ip.Slice(4, 2));
        var dst6 = new IPAddress(ip.Slice(24, 16));
        var meta6 = new VrrpReceiveMeta(interfaceName, new IPAddress(ip.Slice(8, 16)), dst6, ip[7], !dst6.IsIPv6Multicast)
        {
            IpHeaderLength = 40,
            IpTotalLength = 40 + length,
        };
        return new(ip.Slice(40, length).ToArray(), meta6);
    }

    private static bool IsMulticast(IPAddress v4) => (v4.GetAddressBytes()[0] & 0xF0) == 0xE0;
}
