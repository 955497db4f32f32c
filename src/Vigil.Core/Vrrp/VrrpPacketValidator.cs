using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Vigil.Vrrp.Packet;

namespace Vigil.Vrrp;

/// <summary>
/// Judges a received VRRP payload against one instance, in keepalived's order (reference §3.4, checked against
/// keepalived 2.2.7 with crafted packets: length before TTL, auth before interval, interval before type, type before
/// checksum). Pure and allocation-free: the address list is compared in place.
/// Every drop comes before the accepted-with-a-note outcomes, so a corrupted packet can never be accepted because
/// a note was checked first (2.2.7 compared the address count before the checksum, but also dropped on it).
/// </summary>
internal static class VrrpPacketValidator
{
    /// <param name="payload">The VRRP message (no IP header).</param>
    /// <param name="meta">Socket metadata.</param>
    /// <param name="settings">The instance judged against.</param>
    /// <param name="currentMaster">Source of the master this instance currently follows (for <c>skip_check_adv_addr</c>).</param>
    /// <param name="oldUnicastChecksum">Set when the packet only verified with the pre-1.3.7 unicast checksum.</param>
    public static VrrpRxResult Validate(
        ReadOnlySpan<byte> payload,
        in VrrpReceiveMeta meta,
        VrrpInstanceSettings settings,
        IPAddress? currentMaster,
        out bool oldUnicastChecksum)
    {
        oldUnicastChecksum = false;
        var ipHeader = meta.IpHeaderLength;

        // IP total length: bytes beyond it are Ethernet padding (frames are padded to 60 bytes); fewer is truncation.
        if (meta.IpTotalLength is int total)
        {
            var promised = total - ipHeader;
            if (promised < payload.Length && promised >= 0)
            {
                payload = payload[..promised];
            }
            else if (promised > payload.Length)
            {
                return new(VrrpVerdict.BadLength, ipHeader + payload.Length, total);
            }
        }

        if (!VrrpCodec.TryReadHeader(payload, out var h))
        {
            return new(VrrpVerdict.TooShort, ipHeader + payload.Length, ipHeader + VrrpCodec.HeaderLength);
        }

        var family = meta.Source.AddressFamily;
        var expectedLength = VrrpCodec.MessageLength(h.RawVersion, family, h.AddressCount);
        if (payload.Length != expectedLength)
        {
            return new(VrrpVerdict.BadLength, ipHeader + payload.Length, ipHeader + expectedLength);
        }

        // RFC 5798 §5.1.1.3 / §7.1: TTL (hop limit) must be 255; keepalived relaxes that for unicast, where a peer
        // may carry its own min_ttl/max_ttl.
        var peer = FindPeer(settings, meta.Source);
        if (!meta.IsUnicast)
        {
            if (meta.TtlOrHopLimit != 255)
            {
                return new(VrrpVerdict.BadTtl, meta.TtlOrHopLimit, 255);
            }
        }
        else if (peer is not null &&
                 ((peer.MinTtl is byte min && meta.TtlOrHopLimit < min) || (peer.MaxTtl is byte max && meta.TtlOrHopLimit > max)))
        {
            return new(VrrpVerdict.BadTtl, meta.TtlOrHopLimit, peer.MinTtl ?? peer.MaxTtl ?? 255);
        }

        if (h.RawVersion != (byte)settings.Version)
        {
            return new(VrrpVerdict.BadVersion, h.RawVersion, (int)settings.Version);
        }

        if (settings.Version == VrrpVersion.V2)
        {
            if (h.AuthTypeField > (byte)VrrpAuthType.Ah)
            {
                return new(VrrpVerdict.InvalidAuthType, h.AuthTypeField, (int)settings.AuthType);
            }

            if (h.AuthTypeField != (byte)settings.AuthType)
            {
                return new(VrrpVerdict.AuthTypeMismatch, h.AuthTypeField, (int)settings.AuthType);
            }

            if (settings.AuthType == VrrpAuthType.Pass)
            {
                var received = payload.Slice(payload.Length - VrrpCodec.AuthDataLength, VrrpCodec.AuthDataLength);
                Span<byte> ours = stackalloc byte[VrrpCodec.AuthDataLength];
                VrrpCodec.WritePassAuthData(settings.AuthPass, ours);
                if (!CryptographicOperations.FixedTimeEquals(received, ours))
                {
                    return new(VrrpVerdict.AuthFailure);
                }
            }

            var mine = VrrpCodec.EncodeInterval(VrrpVersion.V2, settings.AdvertInt);
            if (h.IntervalSeconds != mine)
            {
                return new(VrrpVerdict.IntervalMismatch, h.IntervalSeconds, mine);
            }
        }

        if (h.Type != VrrpCodec.AdvertisementType)
        {
            return new(VrrpVerdict.BadType, h.Type, VrrpCodec.AdvertisementType);
        }

        var intervalMismatch = settings.Version == VrrpVersion.V3 &&
            h.IntervalCentiseconds != VrrpCodec.EncodeInterval(VrrpVersion.V3, settings.AdvertInt);

        if (!ChecksumOk(payload, meta, settings, out oldUnicastChecksum))
        {
            return new(VrrpVerdict.BadChecksum);
        }

        if (settings.IsUnicast != meta.IsUnicast)
        {
            return new(VrrpVerdict.MulticastUnicastMismatch, meta.IsUnicast ? 1 : 0, settings.IsUnicast ? 1 : 0);
        }

        // man keepalived.conf: "Specifying min_ttl or max_ttl turns on check_unicast_src".
        if (meta.IsUnicast && peer is null && ChecksUnicastSource(settings))
        {
            return new(VrrpVerdict.UnicastSourceNotPeer);
        }

        if (!(settings.SkipCheckAdvAddr && currentMaster is not null && currentMaster.Equals(meta.Source)))
        {
            var ours = settings.VirtualIpaddress;
            if (h.AddressCount != ours.Length)
            {
                return new(VrrpVerdict.AcceptedAddressCountMismatch, h.AddressCount, ours.Length);
            }

            var missing = FindMissingAddress(payload, family, h.AddressCount, settings);
            if (missing is not null)
            {
                return new(VrrpVerdict.AcceptedAddressListMismatch, Address: missing);
            }
        }

        return intervalMismatch
            ? new(VrrpVerdict.AcceptedIntervalMismatch, h.IntervalCentiseconds * 10, (int)settings.AdvertInt.TotalMilliseconds)
            : new(VrrpVerdict.Accepted);
    }

    private static VrrpUnicastPeer? FindPeer(VrrpInstanceSettings settings, IPAddress source)
    {
        foreach (var p in settings.UnicastPeer)
        {
            if (p.Address.Equals(source))
            {
                return p;
            }
        }

        return null;
    }

    private static bool ChecksUnicastSource(VrrpInstanceSettings settings)
    {
        if (settings.CheckUnicastSrc)
        {
            return true;
        }

        foreach (var p in settings.UnicastPeer)
        {
            if (p.MinTtl is not null || p.MaxTtl is not null)
            {
                return true;
            }
        }

        return false;
    }

    private static bool ChecksumOk(ReadOnlySpan<byte> payload, in VrrpReceiveMeta meta, VrrpInstanceSettings settings, out bool oldUnicast)
    {
        oldUnicast = false;
        if (settings.Version == VrrpVersion.V2)
        {
            return VrrpCodec.VerifyChecksum(payload, VrrpChecksumMode.MessageOnly, null, null);
        }

        if (meta.Source.AddressFamily == AddressFamily.InterNetworkV6)
        {
            return VrrpCodec.VerifyChecksum(payload, VrrpChecksumMode.PseudoHeader, meta.Source, meta.Destination);
        }

        // v3_checksum_as_v2: keepalived sends RFC 9568 checksums and does not reject on mismatch at all; we accept
        // either algorithm (peers may use either) but still reject a packet that matches neither, so a corrupted
        // advert cannot move a VIP.
        if (settings.V3ChecksumAsV2)
        {
            return VrrpCodec.VerifyChecksum(payload, VrrpChecksumMode.MessageOnly, null, null) ||
                   VrrpCodec.VerifyChecksum(payload, VrrpChecksumMode.PseudoHeader, meta.Source, meta.Destination);
        }

        if (VrrpCodec.VerifyChecksum(payload, VrrpChecksumMode.PseudoHeader, meta.Source, meta.Destination))
        {
            return true;
        }

        // keepalived <= 1.3.6 used the multicast group as the pseudo-header destination of unicast adverts.
        if (meta.IsUnicast && settings.OldUnicastChecksum != VrrpOldUnicastChecksum.Never &&
            VrrpCodec.VerifyChecksum(payload, VrrpChecksumMode.PseudoHeader, meta.Source, settings.MulticastGroup))
        {
            oldUnicast = true;
            return true;
        }

        return false;
    }

    private static IPAddress? FindMissingAddress(ReadOnlySpan<byte> payload, AddressFamily family, int count, VrrpInstanceSettings settings)
    {
        var size = VrrpCodec.AddressLength(family);
        var list = payload.Slice(VrrpCodec.HeaderLength, count * size);
        Span<byte> vip = stackalloc byte[16];
        foreach (var v in settings.VirtualIpaddress)
        {
            if (!v.Address.TryWriteBytes(vip, out var written) || written != size)
            {
                return v.Address;
            }

            var found = false;
            for (var i = 0; i < count && !found; i++)
            {
                found = list.Slice(i * size, size).SequenceEqual(vip[..size]);
            }

            if (!found)
            {
                return v.Address;
            }
        }

        return null;
    }
}
