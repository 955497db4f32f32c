using System.Buffers.Binary;
using System.Net;

namespace Vigil.Linux.Vrrp;

/// <summary>The 20-byte IPv4 header keepalived puts on an advert (IP_HDRINCL; reference §3.1).</summary>
internal static class Ipv4Header
{
    public const int Length = 20;

    /// <summary>DSCP CS6 (0xC0), as keepalived marks VRRP.</summary>
    public const byte Tos = 0xC0;

    /// <summary>
    /// Writes version 4 / IHL 5, TOS 0xC0, total length, <paramref name="id"/>, no DF and no fragment offset,
    /// <paramref name="ttl"/>, protocol 112, the header checksum (RFC 791; the kernel recomputes it anyway), source
    /// and destination.
    /// </summary>
    public static void Write(Span<byte> header, int payloadLength, ushort id, byte ttl, IPAddress source, IPAddress destination)
    {
        header[..Length].Clear();
        header[0] = 0x45;
        header[1] = Tos;
        BinaryPrimitives.WriteUInt16BigEndian(header[2..], (ushort)(Length + payloadLength));
        BinaryPrimitives.WriteUInt16BigEndian(header[4..], id);
        header[8] = ttl;
        header[9] = Interop.Libc.IPPROTO_VRRP;
        source.TryWriteBytes(header[12..], out _);
        destination.TryWriteBytes(header[16..], out _);
        BinaryPrimitives.WriteUInt16BigEndian(header[10..], InternetChecksum.Compute(header[..Length]));
    }
}
