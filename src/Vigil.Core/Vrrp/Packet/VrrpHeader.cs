using System.Buffers.Binary;

namespace Vigil.Vrrp.Packet;

/// <summary>
/// The fixed 8-byte VRRP header, read without allocating (RFC 3768 §5.1, RFC 5798 §5.1). Fields are raw: judging
/// them against an instance is <see cref="VrrpPacketValidator"/>'s job.
/// </summary>
internal readonly struct VrrpHeader
{
    private readonly ushort _word1;

    public VrrpHeader(ReadOnlySpan<byte> header)
    {
        RawVersion = (byte)(header[0] >> 4);
        Type = (byte)(header[0] & 0x0F);
        VirtualRouterId = header[1];
        Priority = header[2];
        AddressCount = header[3];
        _word1 = BinaryPrimitives.ReadUInt16BigEndian(header.Slice(4, 2));
        Checksum = BinaryPrimitives.ReadUInt16BigEndian(header.Slice(6, 2));
    }

    /// <summary>Version nibble as received (2 and 3 are the valid values).</summary>
    public byte RawVersion { get; }

    /// <summary>Type nibble; 1 (ADVERTISEMENT) is the only defined type.</summary>
    public byte Type { get; }

    public byte VirtualRouterId { get; }

    public byte Priority { get; }

    /// <summary>"Count IPvX Addr".</summary>
    public byte AddressCount { get; }

    /// <summary>VRRPv2 byte 4: authentication type.</summary>
    public byte AuthTypeField => (byte)(_word1 >> 8);

    /// <summary>VRRPv2 byte 5: advertisement interval in whole seconds.</summary>
    public byte IntervalSeconds => (byte)_word1;

    /// <summary>VRRPv3 bytes 4-5: 4 reserved bits, then Max Advertise Interval in centiseconds (12 bits).</summary>
    public ushort IntervalCentiseconds => (ushort)(_word1 & 0x0FFF);

    public ushort Checksum { get; }

    /// <summary>The advertisement interval the packet carries, read per its own version.</summary>
    public TimeSpan AdvertisementInterval => RawVersion == 2
        ? TimeSpan.FromSeconds(IntervalSeconds)
        : TimeSpan.FromMilliseconds(IntervalCentiseconds * 10);
}
