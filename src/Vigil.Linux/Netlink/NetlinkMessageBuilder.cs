using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Vigil.Linux.Netlink;

/// <summary>
/// Builds one netlink message: the 16-byte nlmsghdr, a family header, then 4-byte aligned attributes
/// (nested ones carry NLA_F_NESTED). The sequence number is filled in by <see cref="NetlinkSocket"/>.
/// </summary>
public sealed class NetlinkMessageBuilder
{
    private byte[] _buffer = new byte[256];
    private int _length;

    public NetlinkMessageBuilder(ushort type, ushort flags)
    {
        var header = Reserve(Netlink.HeaderLength);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], type);
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], flags);
    }

    public int Length => _length;

    /// <summary>Appends raw bytes (a family header such as ifaddrmsg), padded to 4 bytes.</summary>
    public void Write(ReadOnlySpan<byte> bytes)
    {
        var span = Reserve(Netlink.Align(bytes.Length));
        bytes.CopyTo(span);
    }

    /// <summary>Reserves <paramref name="length"/> zeroed bytes (padded to 4) and returns them for filling.</summary>
    public Span<byte> Reserve(int length)
    {
        var padded = Netlink.Align(length);
        if (_length + padded > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + padded));
        }

        var span = _buffer.AsSpan(_length, padded);
        span.Clear();
        _length += padded;
        return span[..length];
    }

    public void PutAttribute(ushort type, ReadOnlySpan<byte> value)
    {
        var span = Reserve(4 + value.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(span, (ushort)(4 + value.Length));
        BinaryPrimitives.WriteUInt16LittleEndian(span[2..], type);
        value.CopyTo(span[4..]);
    }

    public void PutU8(ushort type, byte value) => PutAttribute(type, [value]);

    public void PutU16(ushort type, ushort value)
    {
        Span<byte> b = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(b, value);
        PutAttribute(type, b);
    }

    /// <summary>A 16-bit value in network byte order (ports).</summary>
    public void PutU16BigEndian(ushort type, ushort value)
    {
        Span<byte> b = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(b, value);
        PutAttribute(type, b);
    }

    public void PutU32(ushort type, uint value)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(b, value);
        PutAttribute(type, b);
    }

    public void PutU64(ushort type, ulong value)
    {
        Span<byte> b = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(b, value);
        PutAttribute(type, b);
    }

    /// <summary>A NUL-terminated string attribute.</summary>
    public void PutString(ushort type, string value)
    {
        var bytes = Encoding.UTF8.GetByteCount(value);
        var span = Reserve(4 + bytes + 1);
        BinaryPrimitives.WriteUInt16LittleEndian(span, (ushort)(4 + bytes + 1));
        BinaryPrimitives.WriteUInt16LittleEndian(span[2..], type);
        Encoding.UTF8.GetBytes(value, span[4..]);
        span[4 + bytes] = 0;
    }

    /// <summary>An address attribute: 4 bytes for IPv4, 16 for IPv6.</summary>
    public void PutAddress(ushort type, IPAddress address)
    {
        Span<byte> b = stackalloc byte[16];
        address.TryWriteBytes(b, out var written);
        PutAttribute(type, b[..written]);
    }

    /// <summary>An address in a fixed 16-byte field (IPv4 in the first 4 bytes), as IPVS wants it.</summary>
    public void PutAddress16(ushort type, IPAddress address)
    {
        Span<byte> b = stackalloc byte[16];
        b.Clear();
        address.TryWriteBytes(b, out _);
        PutAttribute(type, b);
    }

    /// <summary>Starts a nested attribute; returns a token for <see cref="EndNested"/>.</summary>
    public int BeginNested(ushort type)
    {
        var start = _length;
        var span = Reserve(4);
        BinaryPrimitives.WriteUInt16LittleEndian(span[2..], (ushort)(type | Netlink.NLA_F_NESTED));
        return start;
    }

    /// <summary>
    /// Starts an attribute whose value is built piecewise but is not an attribute stream (e.g. RTA_MULTIPATH,
    /// an array of struct rtnexthop), so it carries no NLA_F_NESTED flag. Close it with <see cref="EndNested"/>.
    /// </summary>
    public int BeginAttribute(ushort type)
    {
        var start = _length;
        var span = Reserve(4);
        BinaryPrimitives.WriteUInt16LittleEndian(span[2..], type);
        return start;
    }

    /// <summary>The current end of the message (offset where the next bytes go).</summary>
    public int Position => _length;

    /// <summary>Writes a little-endian u16 at an absolute offset already written (e.g. a length field).</summary>
    public void PatchU16(int offset, ushort value) =>
        BinaryPrimitives.WriteUInt16LittleEndian(_buffer.AsSpan(offset), value);

    public void EndNested(int token) =>
        BinaryPrimitives.WriteUInt16LittleEndian(_buffer.AsSpan(token), (ushort)(_length - token));

    /// <summary>The finished message with its length filled in (sequence 0, port id 0).</summary>
    public byte[] ToArray()
    {
        BinaryPrimitives.WriteUInt32LittleEndian(_buffer, (uint)_length);
        return _buffer.AsSpan(0, _length).ToArray();
    }

    public static AddressFamily FamilyOf(IPAddress a) => a.AddressFamily;
}
