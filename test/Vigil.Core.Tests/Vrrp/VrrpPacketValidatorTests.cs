using System.Net;
using FsCheck;
using FsCheck.Fluent;
using Vigil.Vrrp.Packet;
using Vigil.Vrrp.Packet.Tests;

namespace Vigil.Vrrp.Tests;

public class VrrpPacketValidatorTests
{
    private static readonly VrrpInstanceSettings s_vi1 = TestSettings.Vi1;

    /// <summary>
    /// Malformed packets, each sent to keepalived 2.2.7 (VI_1: v2, vrid 51, 1 s, VIP 192.0.2.100, no auth) with the
    /// line it logged. Lengths count the 20-byte IP header, as keepalived's do.
    /// </summary>
    public static TheoryData<string, VrrpVerdict, int, int> Malformed => new()
    {
        // "vrrp packet too long, length 42 and expect 40"
        { "extra2", VrrpVerdict.BadLength, 42, 40 },
        // "vrrp packet too long, length 48 and expect 40"
        { "extra8", VrrpVerdict.BadLength, 48, 40 },
        // "vrrp packet too short, length 40 and expect 44"
        { "count2", VrrpVerdict.BadLength, 40, 44 },
        // "vrrp packet too short, length 30 and expect 40"
        { "trunc10", VrrpVerdict.BadLength, 30, 40 },
        // "IPv4 VRRP packet too short - 24 bytes"
        { "trunc4", VrrpVerdict.TooShort, 24, 28 },
        { "trunc0", VrrpVerdict.TooShort, 20, 28 },
        // "invalid TTL/HL. Received 64 and expect 255"
        { "ttl64", VrrpVerdict.BadTtl, 64, 255 },
        // "wrong version. Received 3 and expect 2"
        { "ver3", VrrpVerdict.BadVersion, 3, 2 },
        // "wrong version. Received 1 and expect 2" (sized without auth data, like v3)
        { "ver1", VrrpVerdict.BadVersion, 1, 2 },
        // a v3 packet is sized as v3: its TTL is judged, not its length ("invalid TTL/HL. Received 64 and expect 255")
        { "v3-ttl64", VrrpVerdict.BadTtl, 64, 255 },
        // "vrrp packet too long, length 40 and expect 32"
        { "v3-extra8", VrrpVerdict.BadLength, 40, 32 },
        // "Invalid packet type. 2 and expect 1"
        { "type2", VrrpVerdict.BadType, 2, 1 },
        { "type0", VrrpVerdict.BadType, 0, 1 },
        // "Invalid VRRPv2 checksum"
        { "badcsum", VrrpVerdict.BadChecksum, 0, 0 },
        // "received a 1 auth, expecting 0!"
        { "authpass", VrrpVerdict.AuthTypeMismatch, 1, 0 },
        { "authtype2", VrrpVerdict.AuthTypeMismatch, 2, 0 },
        // "Invalid auth type: 7"
        { "authtype7", VrrpVerdict.InvalidAuthType, 7, 0 },
        // "advertisement interval mismatch mine=1 sec rcv'd=2 sec"
        { "advint2", VrrpVerdict.IntervalMismatch, 2, 1 },
        // "received an unexpected ip number count 2, expected 1!" (2.2.7 dropped it; accepted since 2.3.3)
        { "twovips", VrrpVerdict.AcceptedAddressCountMismatch, 2, 1 },
        // keepalived's order, observed with two faults in one packet:
        { "count2-ttl64", VrrpVerdict.BadLength, 40, 44 },
        { "type2-authpass", VrrpVerdict.AuthTypeMismatch, 1, 0 },
        { "type2-advint2", VrrpVerdict.IntervalMismatch, 2, 1 },
        { "type2-badcsum", VrrpVerdict.BadType, 2, 1 },
        { "advint2-badcsum", VrrpVerdict.IntervalMismatch, 2, 1 },
        { "authpass-advint2", VrrpVerdict.AuthTypeMismatch, 1, 0 },
        // 2.2.7 said "received an unexpected ip number count 2" here; we check the checksum first so a corrupted
        // packet is never accepted on the strength of an accepted-with-a-note check.
        { "badcsum-twovips", VrrpVerdict.BadChecksum, 0, 0 },
        { "badcsum-viplist", VrrpVerdict.BadChecksum, 0, 0 },
    };

    private static TestPacket Case(string name) => name switch
    {
        "extra2" => new() { Extra = 2 },
        "extra8" => new() { Extra = 8 },
        "count2" => new() { Count = 2 },
        "trunc10" => new() { Truncate = 10 },
        "trunc4" => new() { Truncate = 4 },
        "trunc0" => new() { Truncate = 0 },
        "ttl64" => new() { Ttl = 64 },
        "ver3" => new() { Version = 3 },
        "ver1" => new() { Version = 1 },
        "v3-ttl64" => new() { Version = 3, Ttl = 64 },
        "v3-extra8" => new() { Version = 3, Extra = 8 },
        "type2" => new() { Type = 2 },
        "type0" => new() { Type = 0 },
        "badcsum" => new() { Checksum = 0x1234 },
        "authpass" => new() { AuthType = 1, Pass = "secret" },
        "authtype2" => new() { AuthType = 2 },
        "authtype7" => new() { AuthType = 7 },
        "advint2" => new() { Interval = 2 },
        "twovips" => new() { Priority = 50, Vips = ["192.0.2.100", "192.0.2.101"] },
        "count2-ttl64" => new() { Count = 2, Ttl = 64 },
        "type2-authpass" => new() { Type = 2, AuthType = 1 },
        "type2-advint2" => new() { Type = 2, Interval = 2 },
        "type2-badcsum" => new() { Type = 2, Checksum = 0x1234 },
        "advint2-badcsum" => new() { Interval = 2, Checksum = 0x1234 },
        "authpass-advint2" => new() { AuthType = 1, Interval = 2 },
        "badcsum-twovips" => new() { Checksum = 0x1234, Vips = ["192.0.2.100", "192.0.2.101"] },
        "badcsum-viplist" => new() { Checksum = 0x1234, Vips = ["192.0.2.101"] },
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Validate_MalformedPacket_GivesKeepalivedsVerdict(string name, VrrpVerdict verdict, int received, int expected)
    {
        var p = Case(name);

        var result = Validate(p);

        Assert.Equal(verdict, result.Verdict);
        Assert.Equal(received, result.Received);
        Assert.Equal(expected, result.Expected);
    }

    [Fact]
    public void Validate_ViplistMismatch_AcceptsAndNamesOurMissingAddress()
    {
        // keepalived: "ip address associated with VRID 51 not present in MASTER advert: 192.0.2.100"
        var result = Validate(new TestPacket { Priority = 50, Vips = ["192.0.2.101"] });

        Assert.Equal(VrrpVerdict.AcceptedAddressListMismatch, result.Verdict);
        Assert.Equal(IPAddress.Parse("192.0.2.100"), result.Address);
        Assert.True(result.Verdict.IsAccepted());
    }

    [Fact]
    public void Validate_ViplistMismatchFromCurrentMasterWithSkipCheckAdvAddr_IsPlainAccept()
    {
        var settings = s_vi1 with { SkipCheckAdvAddr = true };
        var p = new TestPacket { Vips = ["192.0.2.101"] };

        var fromMaster = VrrpPacketValidator.Validate(p.Build(), p.Meta(), settings, IPAddress.Parse("192.0.2.3"), out _);
        var fromOther = VrrpPacketValidator.Validate(p.Build(), p.Meta(), settings, IPAddress.Parse("192.0.2.9"), out _);

        Assert.Equal(VrrpVerdict.Accepted, fromMaster.Verdict);
        Assert.Equal(VrrpVerdict.AcceptedAddressListMismatch, fromOther.Verdict);
    }

    [Fact]
    public void Validate_WellFormed_IsAccepted() => Assert.Equal(VrrpVerdict.Accepted, Validate(new TestPacket()).Verdict);

    [Theory]
    [InlineData("secret12", VrrpVerdict.Accepted)]
    [InlineData("secret1234", VrrpVerdict.Accepted)]
    [InlineData("secret13", VrrpVerdict.AuthFailure)]
    [InlineData("secret", VrrpVerdict.AuthFailure)]
    public void Validate_PassAuthentication_ComparesEightBytes(string sent, VrrpVerdict verdict)
    {
        // keepalived: "received an invalid passwd!" for the wrong and the short password.
        var settings = s_vi1 with { AuthType = VrrpAuthType.Pass, AuthPass = "secret12" };
        var p = new TestPacket { AuthType = 1, Pass = sent };

        Assert.Equal(verdict, VrrpPacketValidator.Validate(p.Build(), p.Meta(), settings, null, out _).Verdict);
    }

    [Fact]
    public void Validate_NoAuthFromPassInstance_IsTypeMismatch()
    {
        // keepalived: "received a 0 auth, expecting 1!"
        var settings = s_vi1 with { AuthType = VrrpAuthType.Pass, AuthPass = "secret12" };
        var p = new TestPacket();

        var result = VrrpPacketValidator.Validate(p.Build(), p.Meta(), settings, null, out _);

        Assert.Equal((VrrpVerdict.AuthTypeMismatch, 0, 1), (result.Verdict, result.Received, result.Expected));
    }

    [Fact]
    public void Validate_EthernetPadding_IsIgnored()
    {
        var p = new TestPacket { Extra = 6 };
        var meta = p.Meta() with { IpTotalLength = 40 };

        Assert.Equal(VrrpVerdict.Accepted, VrrpPacketValidator.Validate(p.Build(), meta, s_vi1, null, out _).Verdict);
    }

    [Fact]
    public void Validate_TotalLengthBeyondPayload_IsBadLength()
    {
        var p = new TestPacket();
        var meta = p.Meta() with { IpTotalLength = 44 };

        var result = VrrpPacketValidator.Validate(p.Build(), meta, s_vi1, null, out _);

        Assert.Equal((VrrpVerdict.BadLength, 40, 44), (result.Verdict, result.Received, result.Expected));
    }

    [Theory]
    [InlineData(100, VrrpVerdict.Accepted)]
    [InlineData(200, VrrpVerdict.AcceptedIntervalMismatch)]
    public void Validate_V3IntervalMismatch_IsAccepted(int centiseconds, VrrpVerdict verdict)
    {
        var settings = s_vi1 with { Version = VrrpVersion.V3 };

        Assert.Equal(verdict, Validate(new TestPacket { Version = 3, Interval = centiseconds }, settings).Verdict);
    }

    [Fact]
    public void Validate_V3BadChecksum_IsBadChecksum()
    {
        // keepalived: "Invalid VRRPv3 checksum"
        var settings = s_vi1 with { Version = VrrpVersion.V3 };

        Assert.Equal(VrrpVerdict.BadChecksum, Validate(new TestPacket { Version = 3, Checksum = 0x1234 }, settings).Verdict);
    }

    [Theory]
    [InlineData(false, true, VrrpVerdict.Accepted)]
    [InlineData(false, false, VrrpVerdict.BadChecksum)]
    [InlineData(true, true, VrrpVerdict.Accepted)]
    [InlineData(true, false, VrrpVerdict.Accepted)]
    public void Validate_V3Ipv4Checksum_FollowsV3ChecksumAsV2(bool asV2, bool sentWithPseudoHeader, VrrpVerdict verdict)
    {
        var settings = s_vi1 with { Version = VrrpVersion.V3, V3ChecksumAsV2 = asV2 };

        Assert.Equal(verdict, Validate(new TestPacket { Version = 3, PseudoHeader = sentWithPseudoHeader }, settings).Verdict);
    }

    [Theory]
    [InlineData(VrrpOldUnicastChecksum.Auto, VrrpVerdict.Accepted, true)]
    [InlineData(VrrpOldUnicastChecksum.Never, VrrpVerdict.BadChecksum, false)]
    public void Validate_V3UnicastWithPre137Checksum_IsDetectedUnlessNever(VrrpOldUnicastChecksum mode, VrrpVerdict verdict, bool detected)
    {
        var settings = s_vi1 with
        {
            Version = VrrpVersion.V3,
            OldUnicastChecksum = mode,
            UnicastPeer = [new VrrpUnicastPeer(IPAddress.Parse("192.0.2.3"))],
        };

        // keepalived <= 1.3.6 summed the pseudo-header with 224.0.0.18 as destination even when unicasting.
        var old = new TestPacket { Version = 3, Destination = "224.0.0.18" }.Build();
        var meta = new TestPacket { Destination = "192.0.2.1", Unicast = true }.Meta();

        var result = VrrpPacketValidator.Validate(old, meta, settings, null, out var oldChecksum);

        Assert.Equal(verdict, result.Verdict);
        Assert.Equal(detected, oldChecksum);
    }

    [Fact]
    public void Validate_Ipv6V3_VerifiesPseudoHeader()
    {
        var frame = CapturedFrame.Parse(KeepalivedVectors.V3Ipv6Advert);
        var settings = new VrrpInstanceSettings
        {
            Name = "VI_6",
            Interface = "eth0",
            VirtualRouterId = 54,
            Version = VrrpVersion.V3,
            Priority = 100,
            VirtualIpaddress = [VirtualIpAddress.Host(IPAddress.Parse("2001:db8::100"))],
        };
        var corrupted = frame.Payload.ToArray();
        corrupted[^1] ^= 1;

        Assert.Equal(VrrpVerdict.Accepted, VrrpPacketValidator.Validate(frame.Payload, frame.Meta, settings, null, out _).Verdict);
        Assert.Equal(VrrpVerdict.BadChecksum, VrrpPacketValidator.Validate(corrupted, frame.Meta, settings, null, out _).Verdict);
    }

    [Theory]
    [InlineData(nameof(KeepalivedVectors.V2Advert), 51, "192.0.2.100", null, 2, 1000)]
    [InlineData(nameof(KeepalivedVectors.V2AuthAdvert), 52, "192.0.2.101,192.0.2.102,192.0.2.103", "secret12", 2, 1000)]
    [InlineData(nameof(KeepalivedVectors.V3Advert), 53, "192.0.2.100", null, 3, 100)]
    [InlineData(nameof(KeepalivedVectors.V3Prio0), 53, "192.0.2.100", null, 3, 100)]
    public void Validate_KeepalivedCapture_IsAcceptedByMatchingInstance(string vector, int vrid, string vips, string? pass, int version, int intervalMs)
    {
        var frame = CapturedFrame.Parse(KeepalivedVectors.Get(vector));
        var settings = s_vi1 with
        {
            VirtualRouterId = (byte)vrid,
            Version = (VrrpVersion)version,
            AdvertInt = TimeSpan.FromMilliseconds(intervalMs),
            AuthType = pass is null ? VrrpAuthType.None : VrrpAuthType.Pass,
            AuthPass = pass,
            VirtualIpaddress = [.. vips.Split(',').Select(v => VirtualIpAddress.Host(IPAddress.Parse(v)))],
        };

        Assert.Equal(VrrpVerdict.Accepted, VrrpPacketValidator.Validate(frame.Payload, frame.Meta, settings, null, out _).Verdict);
    }

    [Fact]
    public void Validate_UnicastInstanceGivenMulticast_IsMismatch()
    {
        var settings = s_vi1 with { UnicastPeer = [new VrrpUnicastPeer(IPAddress.Parse("192.0.2.3"))] };

        Assert.Equal(VrrpVerdict.MulticastUnicastMismatch, Validate(new TestPacket(), settings).Verdict);
    }

    [Fact]
    public void Validate_MulticastInstanceGivenUnicast_IsMismatch() =>
        Assert.Equal(VrrpVerdict.MulticastUnicastMismatch, Validate(new TestPacket { Unicast = true, Destination = "192.0.2.1" }).Verdict);

    [Fact]
    public void Validate_UnicastWithLowTtl_IsAcceptedUnlessPeerLimitsIt()
    {
        var p = new TestPacket { Unicast = true, Destination = "192.0.2.1", Ttl = 64 };
        var free = s_vi1 with { UnicastPeer = [new VrrpUnicastPeer(IPAddress.Parse("192.0.2.3"))] };
        var limited = s_vi1 with { UnicastPeer = [new VrrpUnicastPeer(IPAddress.Parse("192.0.2.3")) { MinTtl = 250 }] };

        Assert.Equal(VrrpVerdict.Accepted, Validate(p, free).Verdict);
        Assert.Equal(VrrpVerdict.BadTtl, Validate(p, limited).Verdict);
    }

    [Theory]
    [InlineData(true, VrrpVerdict.UnicastSourceNotPeer)]
    [InlineData(false, VrrpVerdict.Accepted)]
    public void Validate_UnicastFromStranger_IsDroppedOnlyWithCheckUnicastSrc(bool check, VrrpVerdict verdict)
    {
        var settings = s_vi1 with { CheckUnicastSrc = check, UnicastPeer = [new VrrpUnicastPeer(IPAddress.Parse("192.0.2.4"))] };

        Assert.Equal(verdict, Validate(new TestPacket { Unicast = true, Destination = "192.0.2.1" }, settings).Verdict);
    }

    [Fact]
    public void Validate_ValidAndInvalidPackets_AllocateNothing()
    {
        var settings = s_vi1 with { AuthType = VrrpAuthType.Pass, AuthPass = "secret12" };
        var good = new TestPacket { AuthType = 1, Pass = "secret12" };
        var bad = new TestPacket { AuthType = 1, Pass = "secret12", Checksum = 1 };
        var (goodBytes, badBytes, meta) = (good.Build(), bad.Build(), good.Meta());
        var v3 = s_vi1 with { Version = VrrpVersion.V3 };
        var v3Bytes = new TestPacket { Version = 3, Vips = ["192.0.2.101"] }.Build();
        for (var k = 0; k < 100; k++)
        {
            VrrpPacketValidator.Validate(goodBytes, meta, settings, null, out _);
            VrrpPacketValidator.Validate(badBytes, meta, settings, null, out _);
            VrrpPacketValidator.Validate(v3Bytes, meta, v3, null, out _);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var k = 0; k < 1000; k++)
        {
            VrrpPacketValidator.Validate(goodBytes, meta, settings, null, out _);
            VrrpPacketValidator.Validate(badBytes, meta, settings, null, out _);
            VrrpPacketValidator.Validate(v3Bytes, meta, v3, null, out _);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(VrrpVerdict.Accepted, VrrpPacketValidator.Validate(goodBytes, meta, settings, null, out _).Verdict);
    }

    [Fact]
    public void Validate_RandomBytes_AlwaysGivesADefinedVerdict()
    {
        var gen =
            from length in Gen.Choose(0, 96)
            from bytes in Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), length)
            from ttl in Gen.Elements<byte>(1, 64, 255)
            from unicast in Gen.Elements(false, true)
            from total in Gen.Elements<int?>(null, 0, 19, 20, 28, 40, 200)
            from v3 in Gen.Elements(false, true)
            from pass in Gen.Elements(false, true)
            select (bytes, ttl, unicast, total, v3, pass);
        Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var meta = new VrrpReceiveMeta("eth0", IPAddress.Parse("192.0.2.3"), IPAddress.Parse("224.0.0.18"), t.ttl, t.unicast)
            {
                IpHeaderLength = 20,
                IpTotalLength = t.total,
            };
            var settings = t.v3
                ? s_vi1 with { Version = VrrpVersion.V3 }
                : s_vi1 with { AuthType = t.pass ? VrrpAuthType.Pass : VrrpAuthType.None, AuthPass = "x" };
            var result = VrrpPacketValidator.Validate(t.bytes, meta, settings, null, out _);
            return Enum.IsDefined(result.Verdict) && result.Verdict is not VrrpVerdict.UnknownVrid and not VrrpVerdict.NotListening;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Validate_AnySingleByteChangeOfAValidPacket_IsNeverAccepted()
    {
        // The Internet checksum catches every single-byte change (a 16-bit word changes by k·256 or k, 0 < |k| < 256,
        // never by 0 or 0xFFFF); changes to fields checked earlier give their own drop verdicts.
        var gen =
            from packet in VrrpCodecPropertyTests.Adverts().Where(t => t.Family == System.Net.Sockets.AddressFamily.InterNetwork)
            from position in Gen.Choose(0, 1000)
            from delta in Gen.Choose(1, 255)
            select (packet.Advert, position, delta);
        Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var advert = t.Advert with { Addresses = t.Advert.Addresses.IsEmpty ? [IPAddress.Parse("192.0.2.100")] : t.Advert.Addresses };
            var settings = s_vi1 with
            {
                VirtualRouterId = advert.VirtualRouterId,
                Version = advert.Version,
                AdvertInt = advert.AdvertisementInterval,
                AuthType = advert.AuthType,
                AuthPass = advert.AuthType == VrrpAuthType.Pass ? System.Text.Encoding.ASCII.GetString(advert.AuthData.AsSpan()) : null,
                VirtualIpaddress = [.. advert.Addresses.Select(VirtualIpAddress.Host)],
            };
            var src = IPAddress.Parse("192.0.2.3");
            var mode = advert.Version == VrrpVersion.V2 ? VrrpChecksumMode.MessageOnly : VrrpChecksumMode.PseudoHeader;
            var bytes = VrrpCodec.Encode(advert, System.Net.Sockets.AddressFamily.InterNetwork, mode, src, VrrpInstanceSettings.MulticastGroupV4);
            var meta = new VrrpReceiveMeta("eth0", src, VrrpInstanceSettings.MulticastGroupV4, 255, false) { IpHeaderLength = 20 };
            var before = VrrpPacketValidator.Validate(bytes, meta, settings, null, out _).Verdict;
            bytes[t.position % bytes.Length] = (byte)(bytes[t.position % bytes.Length] + t.delta);
            var after = VrrpPacketValidator.Validate(bytes, meta, settings, null, out _).Verdict;
            return before == VrrpVerdict.Accepted && !after.IsAccepted();
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Validate_TruncatedOrExtendedValidPacket_IsNeverAccepted()
    {
        var gen =
            from packet in VrrpCodecPropertyTests.Adverts().Where(t => t.Family == System.Net.Sockets.AddressFamily.InterNetwork && t.Advert.Version == VrrpVersion.V2)
            from change in Gen.Choose(-60, 16).Where(c => c != 0)
            select (packet.Advert, change);
        Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var bytes = VrrpCodec.Encode(t.Advert, System.Net.Sockets.AddressFamily.InterNetwork, VrrpChecksumMode.MessageOnly);
            var changed = t.change < 0 ? bytes[..Math.Max(0, bytes.Length + t.change)] : [.. bytes, .. new byte[t.change]];
            var settings = s_vi1 with { VirtualRouterId = t.Advert.VirtualRouterId, AdvertInt = t.Advert.AdvertisementInterval };
            var meta = new VrrpReceiveMeta("eth0", IPAddress.Parse("192.0.2.3"), VrrpInstanceSettings.MulticastGroupV4, 255, false);
            var verdict = VrrpPacketValidator.Validate(changed, meta, settings, null, out _).Verdict;
            return verdict is VrrpVerdict.BadLength or VrrpVerdict.TooShort;
        }).QuickCheckThrowOnFailure();
    }

    private static VrrpRxResult Validate(TestPacket p, VrrpInstanceSettings? settings = null) =>
        VrrpPacketValidator.Validate(p.Build(), p.Meta(), settings ?? s_vi1, null, out _);
}
