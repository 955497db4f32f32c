using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;
using System.Text.Unicode;

namespace Vigil.Vrrp.Packet;

/// <summary>
/// VRRPv2/v3 wire codec over spans. Layout: RFC 3768 §5.1 (v2) and RFC 5798 §5.1 (v3); checksums RFC 3768 §5.3.8,
/// RFC 5798 §5.2.8 and RFC 9568 §5.2.8. Decoding allocates only the address list.
/// </summary>
internal static class VrrpCodec
{
    /// <summary>Version/type, VRID, priority, count, word 1, checksum.</summary>
    public const int HeaderLength = 8;

    /// <summary>VRRPv2 authentication data trailer.</summary>
    public const int AuthDataLength = 8;

    /// <summary>Type 1, the only defined VRRP packet type.</summary>
    public const byte AdvertisementType = 1;

    /// <summary>Largest VRRPv3 interval: 12 bits of centiseconds.</summary>
    public const int MaxCentiseconds = 0x0FFF;

    public static int AddressLength(AddressFamily family) => family == AddressFamily.InterNetworkV6 ? 16 : 4;

    /// <summary>
    /// Length of a VRRP message of this version with <paramref name="count"/> addresses. keepalived sizes a received
    /// packet by the version nibble it carries (observed with 2.2.7: a v3 packet reaching a v2 instance fails on
    /// "wrong version", not on length), so any version other than 2 is sized without authentication data.
    /// </summary>
    public static int MessageLength(int version, AddressFamily family, int count) =>
        HeaderLength + (count * AddressLength(family)) + (version == 2 ? AuthDataLength : 0);

    /// <summary>Reads the fixed header; false when fewer than 8 bytes are present.</summary>
    public static bool TryReadHeader(ReadOnlySpan<byte> payload, out VrrpHeader header)
    {
        if (payload.Length < HeaderLength)
        {
            header = default;
            return false;
        }

        header = new VrrpHeader(payload);
        return true;
    }

    /// <summary>Reads <paramref name="count"/> addresses following the header; the caller has checked the length.</summary>
    public static ImmutableArray<IPAddress> ReadAddresses(ReadOnlySpan<byte> payload, AddressFamily family, int count)
    {
        var size = AddressLength(family);
        var builder = ImmutableArray.CreateBuilder<IPAddress>(count);
        for (var i = 0; i < count; i++)
        {
            builder.Add(new IPAddress(payload.Slice(HeaderLength + (i * size), size)));
        }

        return builder.MoveToImmutable();
    }

    /// <summary>Decodes a packet whose length has been validated; the auth data is taken for v2.</summary>
    public static VrrpAdvert Decode(ReadOnlySpan<byte> payload, AddressFamily family)
    {
        var h = new VrrpHeader(payload);
        var version = h.RawVersion == 2 ? VrrpVersion.V2 : VrrpVersion.V3;
        var addresses = ReadAddresses(payload, family, h.AddressCount);
        var advert = new VrrpAdvert(version, h.VirtualRouterId, h.Priority, h.AdvertisementInterval, addresses)
        {
            Checksum = h.Checksum,
        };
        if (version == VrrpVersion.V2)
        {
            var authOffset = HeaderLength + (h.AddressCount * AddressLength(family));
            advert = advert with
            {
                AuthType = (VrrpAuthType)h.AuthTypeField,
                AuthData = [.. payload.Slice(authOffset, AuthDataLength)],
            };
        }

        return advert;
    }

    /// <summary>
    /// Encodes <paramref name="advert"/> into <paramref name="destination"/> and fills in the checksum. The pseudo-header
    /// (when <paramref name="mode"/> asks for it) uses <paramref name="source"/> and <paramref name="destinationAddress"/>,
    /// the addresses in the IP header the packet will travel in.
    /// </summary>
    /// <returns>Bytes written.</returns>
    public static int Encode(
        VrrpAdvert advert,
        AddressFamily family,
        Span<byte> destination,
        VrrpChecksumMode mode,
        IPAddress? source = null,
        IPAddress? destinationAddress = null)
    {
        var count = advert.Addresses.Length;
        if (count > byte.MaxValue)
        {
            throw new ArgumentException("a VRRP advert carries at most 255 addresses", nameof(advert));
        }

        var length = MessageLength((int)advert.Version, family, count);
        if (destination.Length < length)
        {
            throw new ArgumentException("destination too small", nameof(destination));
        }

        var message = destination[..length];
        message[0] = (byte)(((int)advert.Version << 4) | AdvertisementType);
        message[1] = advert.VirtualRouterId;
        message[2] = advert.Priority;
        message[3] = (byte)count;
        if (advert.Version == VrrpVersion.V2)
        {
            message[4] = (byte)advert.AuthType;
            message[5] = (byte)EncodeInterval(VrrpVersion.V2, advert.AdvertisementInterval);
        }
        else
        {
            BinaryPrimitives.WriteUInt16BigEndian(message.Slice(4, 2), EncodeInterval(VrrpVersion.V3, advert.AdvertisementInterval));
        }

        message[6] = 0;
        message[7] = 0;
        var size = AddressLength(family);
        for (var i = 0; i < count; i++)
        {
            var a = advert.Addresses[i];
            if (a.AddressFamily != family || !a.TryWriteBytes(message.Slice(HeaderLength + (i * size), size), out _))
            {
                throw new ArgumentException($"address {a} is not of family {family}", nameof(advert));
            }
        }

        if (advert.Version == VrrpVersion.V2)
        {
            var auth = message.Slice(HeaderLength + (count * size), AuthDataLength);
            auth.Clear();
            var data = advert.AuthData.AsSpan();
            data[..Math.Min(data.Length, AuthDataLength)].CopyTo(auth);
        }

        var checksum = ComputeChecksum(message, mode, source, destinationAddress);
        BinaryPrimitives.WriteUInt16BigEndian(message.Slice(6, 2), checksum);
        return length;
    }

    /// <summary>Encodes into a new array.</summary>
    public static byte[] Encode(
        VrrpAdvert advert,
        AddressFamily family,
        VrrpChecksumMode mode,
        IPAddress? source = null,
        IPAddress? destinationAddress = null)
    {
        var buffer = new byte[MessageLength((int)advert.Version, family, advert.Addresses.Length)];
        Encode(advert, family, buffer, mode, source, destinationAddress);
        return buffer;
    }

    /// <summary>
    /// Checksum of <paramref name="message"/> as if its checksum field were zero.
    /// </summary>
    public static ushort ComputeChecksum(ReadOnlySpan<byte> message, VrrpChecksumMode mode, IPAddress? source, IPAddress? destination)
    {
        var sum = StartSum(message.Length, mode, source, destination);
        sum = InternetChecksum.Add(sum, message[..6]);
        sum = InternetChecksum.Add(sum, message[8..]);
        return InternetChecksum.Finish(sum);
    }

    /// <summary>True when the checksum field of <paramref name="message"/> is right for this mode and addresses.</summary>
    public static bool VerifyChecksum(ReadOnlySpan<byte> message, VrrpChecksumMode mode, IPAddress? source, IPAddress? destination)
    {
        if (message.Length < HeaderLength)
        {
            return false;
        }

        var sum = InternetChecksum.Add(StartSum(message.Length, mode, source, destination), message);
        return InternetChecksum.Finish(sum) == 0;
    }

    /// <summary>v2: whole seconds (1-255); v3: centiseconds (12 bits). Out-of-range values are clamped.</summary>
    public static ushort EncodeInterval(VrrpVersion version, TimeSpan interval)
    {
        if (version == VrrpVersion.V2)
        {
            var seconds = (long)Math.Round(interval.TotalSeconds, MidpointRounding.AwayFromZero);
            return (ushort)Math.Clamp(seconds, 0, byte.MaxValue);
        }

        var centiseconds = (long)Math.Round(interval.TotalMilliseconds / 10, MidpointRounding.AwayFromZero);
        return (ushort)Math.Clamp(centiseconds, 0, MaxCentiseconds);
    }

    /// <summary>The interval the wire would carry for <paramref name="interval"/> (what a peer will see).</summary>
    public static TimeSpan WireInterval(VrrpVersion version, TimeSpan interval)
    {
        var units = EncodeInterval(version, interval);
        return version == VrrpVersion.V2 ? TimeSpan.FromSeconds(units) : TimeSpan.FromMilliseconds(units * 10);
    }

    /// <summary>
    /// <c>auth_pass</c> as the 8 bytes on the wire: the first 8 bytes of the password, zero padded (keepalived
    /// truncates longer passwords and says so at configuration time).
    /// </summary>
    public static ImmutableArray<byte> PassAuthData(string? password)
    {
        Span<byte> bytes = stackalloc byte[AuthDataLength];
        WritePassAuthData(password, bytes);
        return [.. bytes];
    }

    /// <summary>Writes the 8 PASS bytes into <paramref name="destination"/> without allocating.</summary>
    public static void WritePassAuthData(string? password, Span<byte> destination)
    {
        var auth = destination[..AuthDataLength];
        auth.Clear();
        if (!string.IsNullOrEmpty(password))
        {
            // Writes as much as fits: keepalived copies the first 8 bytes of the configured text.
            Utf8.FromUtf16(password, auth, out _, out _);
        }
    }

    private static uint StartSum(int length, VrrpChecksumMode mode, IPAddress? source, IPAddress? destination)
    {
        if (mode == VrrpChecksumMode.MessageOnly)
        {
            return 0;
        }

        if (source is null || destination is null)
        {
            throw new ArgumentException("a pseudo-header checksum needs the source and destination addresses");
        }

        return InternetChecksum.AddPseudoHeader(0, source, destination, length);
    }
}
