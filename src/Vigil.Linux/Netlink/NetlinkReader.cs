using System.Buffers.Binary;
using System.Net;
using System.Text;

namespace Vigil.Linux.Netlink;

/// <summary>One netlink message in a receive buffer.</summary>
public readonly ref struct NetlinkMessage
{
    public NetlinkMessage(ReadOnlySpan<byte> whole)
    {
        Whole = whole;
        Type = BinaryPrimitives.ReadUInt16LittleEndian(whole[4..]);
        Flags = BinaryPrimitives.ReadUInt16LittleEndian(whole[6..]);
        Sequence = BinaryPrimitives.ReadUInt32LittleEndian(whole[8..]);
        PortId = BinaryPrimitives.ReadUInt32LittleEndian(whole[12..]);
    }

    public ReadOnlySpan<byte> Whole { get; }

    public ushort Type { get; }

    public ushort Flags { get; }

    public uint Sequence { get; }

    public uint PortId { get; }

    /// <summary>Everything after the nlmsghdr.</summary>
    public ReadOnlySpan<byte> Payload => Whole[Netlink.HeaderLength..];

    /// <summary>Attributes after a family header of <paramref name="familyHeaderLength"/> bytes.</summary>
    public NetlinkAttributes Attributes(int familyHeaderLength) =>
        new(Payload.Length >= Netlink.Align(familyHeaderLength) ? Payload[Netlink.Align(familyHeaderLength)..] : default);
}

/// <summary>Iterates the messages in a datagram; stops quietly at a truncated one.</summary>
public ref struct NetlinkMessageEnumerator
{
    private ReadOnlySpan<byte> _rest;

    public NetlinkMessageEnumerator(ReadOnlySpan<byte> buffer)
    {
        _rest = buffer;
        Current = default;
    }

    public NetlinkMessage Current { get; private set; }

    public readonly NetlinkMessageEnumerator GetEnumerator() => this;

    public bool MoveNext()
    {
        if (_rest.Length < Netlink.HeaderLength)
        {
            return false;
        }

        var len = (int)BinaryPrimitives.ReadUInt32LittleEndian(_rest);
        if (len < Netlink.HeaderLength || len > _rest.Length)
        {
            _rest = default;
            return false;
        }

        Current = new NetlinkMessage(_rest[..len]);
        var next = Netlink.Align(len);
        _rest = next >= _rest.Length ? default : _rest[next..];
        return true;
    }
}

/// <summary>One attribute (type with the NESTED/BYTEORDER bits masked off).</summary>
public readonly ref struct NetlinkAttribute(ushort rawType, ReadOnlySpan<byte> value)
{
    public ushort Type { get; } = (ushort)(rawType & Netlink.NLA_TYPE_MASK);

    public bool IsNested { get; } = (rawType & Netlink.NLA_F_NESTED) != 0;

    public ReadOnlySpan<byte> Value { get; } = value;

    public byte U8 => Value.Length >= 1 ? Value[0] : (byte)0;

    public ushort U16 => Value.Length >= 2 ? BinaryPrimitives.ReadUInt16LittleEndian(Value) : (ushort)0;

    public ushort U16BigEndian => Value.Length >= 2 ? BinaryPrimitives.ReadUInt16BigEndian(Value) : (ushort)0;

    public uint U32 => Value.Length >= 4 ? BinaryPrimitives.ReadUInt32LittleEndian(Value) : 0;

    public ulong U64 => Value.Length >= 8 ? BinaryPrimitives.ReadUInt64LittleEndian(Value) : 0;

    /// <summary>A string without its NUL terminator.</summary>
    public string String
    {
        get
        {
            var end = Value.IndexOf((byte)0);
            return Encoding.UTF8.GetString(end >= 0 ? Value[..end] : Value);
        }
    }

    /// <summary>4 bytes → IPv4, 16 bytes → IPv6, otherwise null.</summary>
    public IPAddress? Address => Value.Length is 4 or 16 ? new IPAddress(Value) : null;

    public NetlinkAttributes Nested => new(Value);
}

/// <summary>An attribute stream; enumerate it or look one up by type.</summary>
public readonly ref struct NetlinkAttributes(ReadOnlySpan<byte> data)
{
    private readonly ReadOnlySpan<byte> _data = data;

    public Enumerator GetEnumerator() => new(_data);

    public bool TryGet(ushort type, out NetlinkAttribute attribute)
    {
        foreach (var a in this)
        {
            if (a.Type == type)
            {
                attribute = a;
                return true;
            }
        }

        attribute = default;
        return false;
    }

    public ref struct Enumerator(ReadOnlySpan<byte> data)
    {
        private ReadOnlySpan<byte> _rest = data;

        public NetlinkAttribute Current { get; private set; }

        public bool MoveNext()
        {
            if (_rest.Length < 4)
            {
                return false;
            }

            var len = BinaryPrimitives.ReadUInt16LittleEndian(_rest);
            var type = BinaryPrimitives.ReadUInt16LittleEndian(_rest[2..]);
            if (len < 4 || len > _rest.Length)
            {
                _rest = default;
                return false;
            }

            Current = new NetlinkAttribute(type, _rest[4..len]);
            var next = Netlink.Align(len);
            _rest = next >= _rest.Length ? default : _rest[next..];
            return true;
        }
    }
}
