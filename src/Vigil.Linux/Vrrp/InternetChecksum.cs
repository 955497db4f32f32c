using System.Buffers.Binary;

namespace Vigil.Linux.Vrrp;

/// <summary>The RFC 1071 Internet checksum (one's complement of the one's complement sum of 16-bit words).</summary>
internal static class InternetChecksum
{
    /// <summary>Adds <paramref name="data"/> to a running 32-bit sum (an odd last byte is padded with zero).</summary>
    public static uint Add(uint sum, ReadOnlySpan<byte> data)
    {
        var i = 0;
        for (; i + 1 < data.Length; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(data[i..]);
        }

        if (i < data.Length)
        {
            sum += (uint)(data[i] << 8);
        }

        return sum;
    }

    public static ushort Finish(uint sum)
    {
        while (sum >> 16 != 0)
        {
            sum = (sum & 0xffff) + (sum >> 16);
        }

        return (ushort)~sum;
    }

    public static ushort Compute(ReadOnlySpan<byte> data) => Finish(Add(0, data));
}
