using System.Buffers.Binary;
using System.Text;
using Vigil.Checkers;

namespace Vigil.Linux.Checkers;

/// <summary>The two DNS messages DNS_CHECK needs (RFC 1035 §4.1): a one-question query and a response header check.</summary>
public static class DnsMessage
{
    /// <summary>A standard query with RD set, one question of class IN. Throws for a name that is not a valid DNS name.</summary>
    public static byte[] BuildQuery(ushort id, string name, DnsQueryType type)
    {
        ArgumentNullException.ThrowIfNull(name);
        var labels = name == "." || name.Length == 0 ? [] : name.TrimEnd('.').Split('.');
        var size = 12 + 1 + 4 + labels.Sum(l => 1 + Encoding.ASCII.GetByteCount(l));
        if (size - 16 > 255)
        {
            throw new ArgumentException($"DNS name too long: {name}", nameof(name));
        }

        var buffer = new byte[size];
        BinaryPrimitives.WriteUInt16BigEndian(buffer, id);
        BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(2), 0x0100); // QR=0, opcode QUERY, RD=1
        BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(4), 1); // QDCOUNT
        var at = 12;
        foreach (var label in labels)
        {
            var bytes = Encoding.ASCII.GetBytes(label);
            if (bytes.Length is 0 or > 63 || label.Any(c => c > 127))
            {
                throw new ArgumentException($"bad DNS label '{label}' in {name}", nameof(name));
            }

            buffer[at++] = (byte)bytes.Length;
            bytes.CopyTo(buffer, at);
            at += bytes.Length;
        }

        buffer[at++] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(at), (ushort)type);
        BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(at + 2), 1); // class IN
        return buffer;
    }

    /// <summary>keepalived's test of an answer: our id, QR set, RCODE 0 (answers are not inspected).</summary>
    public static DnsAnswerCheck CheckResponse(ReadOnlySpan<byte> response, ushort id)
    {
        if (response.Length < 12)
        {
            return DnsAnswerCheck.Malformed;
        }

        if (BinaryPrimitives.ReadUInt16BigEndian(response) != id)
        {
            return DnsAnswerCheck.OtherId;
        }

        var flags = BinaryPrimitives.ReadUInt16BigEndian(response[2..]);
        if ((flags & 0x8000) == 0)
        {
            return DnsAnswerCheck.NotAResponse;
        }

        return (flags & 0x000F) == 0 ? DnsAnswerCheck.Ok : DnsAnswerCheck.ErrorCode;
    }
}
