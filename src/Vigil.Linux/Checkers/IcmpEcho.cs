using System.Buffers.Binary;
using System.Net.Sockets;

namespace Vigil.Linux.Checkers;

/// <summary>ICMP (RFC 792) and ICMPv6 (RFC 4443 §4) echo request encoding and reply matching.</summary>
public static class IcmpEcho
{
    public const byte EchoRequestV4 = 8;
    public const byte EchoReplyV4 = 0;
    public const byte EchoRequestV6 = 128;
    public const byte EchoReplyV6 = 129;

    /// <summary>An echo request; the IPv4 checksum is filled in, ICMPv6's is the kernel's (it needs the pseudo-header).</summary>
    public static byte[] Request(AddressFamily family, ushort id, ushort sequence, ReadOnlySpan<byte> payload)
    {
        var packet = new byte[8 + payload.Length];
        packet[0] = family == AddressFamily.InterNetworkV6 ? EchoRequestV6 : EchoRequestV4;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(4), id);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(6), sequence);
        payload.CopyTo(packet.AsSpan(8));
        if (family != AddressFamily.InterNetworkV6)
        {
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), Checksum(packet));
        }

        return packet;
    }

    /// <summary>
    /// True when <paramref name="packet"/> (ICMP message, or a whole IPv4 datagram when
    /// <paramref name="withIpHeader"/>) is the echo reply for our sequence and payload; the id is compared
    /// only when given (datagram "ping" sockets have theirs rewritten by the kernel).
    /// </summary>
    public static bool IsReply(AddressFamily family, ReadOnlySpan<byte> packet, bool withIpHeader, ushort? id, ushort sequence, ReadOnlySpan<byte> payload)
    {
        if (withIpHeader)
        {
            if (packet.Length < 20 || packet[0] >> 4 != 4)
            {
                return false;
            }

            var ihl = (packet[0] & 0x0F) * 4;
            if (ihl < 20 || packet.Length < ihl)
            {
                return false;
            }

            packet = packet[ihl..];
        }

        if (packet.Length < 8)
        {
            return false;
        }

        var replyType = family == AddressFamily.InterNetworkV6 ? EchoReplyV6 : EchoReplyV4;
        if (packet[0] != replyType || packet[1] != 0)
        {
            return false;
        }

        if (id is ushort want && BinaryPrimitives.ReadUInt16BigEndian(packet[4..]) != want)
        {
            return false;
        }

        return BinaryPrimitives.ReadUInt16BigEndian(packet[6..]) == sequence && packet[8..].SequenceEqual(payload);
    }

    /// <summary>The Internet checksum (RFC 1071).</summary>
    public static ushort Checksum(ReadOnlySpan<byte> data)
    {
        uint sum = 0;
        var i = 0;
        for (; i + 1 < data.Length; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(data[i..]);
        }

        if (i < data.Length)
        {
            sum += (uint)(data[i] << 8);
        }

        while (sum >> 16 != 0)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        return (ushort)~sum;
    }
}
