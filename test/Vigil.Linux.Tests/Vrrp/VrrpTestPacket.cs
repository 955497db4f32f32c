using System.Buffers.Binary;
using System.Net;

namespace Vigil.Linux.Tests.Vrrp;

/// <summary>
/// Hand-built VRRP messages for socket tests (the real codec lives in Core and is another work stream's):
/// RFC 3768 §5.1 v2 with the checksum over the message, RFC 5798 §5.1 v3 (IPv6: the kernel fills the checksum).
/// </summary>
internal static class VrrpTestPacket
{
    public static byte[] V2(byte vrid, byte priority, byte advertSeconds, params IPAddress[] vips)
    {
        var p = new byte[8 + (4 * vips.Length) + 8];
        p[0] = 0x21;
        p[1] = vrid;
        p[2] = priority;
        p[3] = (byte)vips.Length;
        p[4] = 0; // auth none
        p[5] = advertSeconds;
        for (var i = 0; i < vips.Length; i++)
        {
            vips[i].TryWriteBytes(p.AsSpan(8 + (4 * i)), out _);
        }

        BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(6), Checksum(p));
        return p;
    }

    public static byte[] V3Ipv6(byte vrid, byte priority, ushort advertCentiseconds, params IPAddress[] vips)
    {
        var p = new byte[8 + (16 * vips.Length)];
        p[0] = 0x31;
        p[1] = vrid;
        p[2] = priority;
        p[3] = (byte)vips.Length;
        BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(4), (ushort)(advertCentiseconds & 0x0fff));
        for (var i = 0; i < vips.Length; i++)
        {
            vips[i].TryWriteBytes(p.AsSpan(8 + (16 * i)), out _);
        }

        return p;
    }

    /// <summary>RFC 8200 §8.1 pseudo-header checksum of an IPv6 upper-layer message (0 when it verifies).</summary>
    public static ushort Ipv6Checksum(IPAddress source, IPAddress destination, byte nextHeader, ReadOnlySpan<byte> message)
    {
        var pseudo = new byte[40 + message.Length];
        source.TryWriteBytes(pseudo, out _);
        destination.TryWriteBytes(pseudo.AsSpan(16), out _);
        BinaryPrimitives.WriteUInt32BigEndian(pseudo.AsSpan(32), (uint)message.Length);
        pseudo[39] = nextHeader;
        message.CopyTo(pseudo.AsSpan(40));
        return Checksum(pseudo);
    }

    public static ushort Checksum(ReadOnlySpan<byte> data)
    {
        uint sum = 0;
        for (var i = 0; i + 1 < data.Length; i += 2)
        {
            sum += (uint)((data[i] << 8) | data[i + 1]);
        }

        if ((data.Length & 1) == 1)
        {
            sum += (uint)(data[^1] << 8);
        }

        while (sum >> 16 != 0)
        {
            sum = (sum & 0xffff) + (sum >> 16);
        }

        return (ushort)~sum;
    }
}
