using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Vigil.Vrrp.Packet;

/// <summary>RFC 1071 one's-complement sum, with the IPv4/IPv6 pseudo-headers VRRPv3 uses.</summary>
internal static class InternetChecksum
{
    /// <summary>IP protocol number of VRRP (IANA).</summary>
    public const byte VrrpProtocol = 112;

    /// <summary>Adds <paramref name="data"/> to a running 32-bit sum (big-endian 16-bit words, odd byte padded).</summary>
    public static uint Add(uint sum, ReadOnlySpan<byte> data)
    {
        var i = 0;
        for (; i + 1 < data.Length; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(data.Slice(i, 2));
        }

        if (i < data.Length)
        {
            sum += (uint)(data[i] << 8);
        }

        // Fold often enough that a long input cannot overflow 32 bits.
        return (sum & 0xFFFF) + (sum >> 16);
    }

    /// <summary>Folds a running sum and complements it: the value to put in a checksum field.</summary>
    public static ushort Finish(uint sum)
    {
        while ((sum >> 16) != 0)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        return (ushort)~sum;
    }

    /// <summary>Checksum of a buffer alone.</summary>
    public static ushort Compute(ReadOnlySpan<byte> data) => Finish(Add(0, data));

    /// <summary>
    /// Sum of the pseudo-header for a VRRP message of <paramref name="length"/> bytes from <paramref name="source"/> to
    /// <paramref name="destination"/>: IPv4 {src, dst, 0, 112, len16} (RFC 5798 §5.2.8), IPv6 {src, dst, len32,
    /// 0,0,0, 112} (RFC 8200 §8.1). Both sum to the same words apart from the addresses.
    /// </summary>
    public static uint AddPseudoHeader(uint sum, IPAddress source, IPAddress destination, int length)
    {
        Span<byte> address = stackalloc byte[16];
        if (!source.TryWriteBytes(address, out var written))
        {
            throw new ArgumentException("unwritable source address", nameof(source));
        }

        sum = Add(sum, address[..written]);
        if (!destination.TryWriteBytes(address, out written))
        {
            throw new ArgumentException("unwritable destination address", nameof(destination));
        }

        sum = Add(sum, address[..written]);
        if (source.AddressFamily == AddressFamily.InterNetworkV6)
        {
            sum += (uint)(length >> 16) + (uint)(length & 0xFFFF);
        }
        else
        {
            sum += (uint)(length & 0xFFFF);
        }

        return Add(sum + VrrpProtocol, []);
    }
}
