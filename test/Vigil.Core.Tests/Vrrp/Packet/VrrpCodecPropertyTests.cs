using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;
using FsCheck;
using FsCheck.Fluent;
using Vigil.Vrrp.Packet;

namespace Vigil.Vrrp.Packet.Tests;

public class VrrpCodecPropertyTests
{
    internal static Gen<IPAddress> AddressOf(AddressFamily family) =>
        Gen.ArrayOf(Gen.Choose(0, 255).Select(i => (byte)i), family == AddressFamily.InterNetwork ? 4 : 16)
           .Select(b => new IPAddress(b));

    internal static Gen<(VrrpAdvert Advert, AddressFamily Family)> Adverts() =>
        from v3 in Gen.Elements(false, true)
        from v6 in Gen.Elements(false, true)
        let family = v6 ? AddressFamily.InterNetworkV6 : AddressFamily.InterNetwork
        let version = v3 ? VrrpVersion.V3 : VrrpVersion.V2
        from vrid in Gen.Choose(1, 255)
        from prio in Gen.Choose(0, 255)
        from units in v3 ? Gen.Choose(1, 4095) : Gen.Choose(1, 255)
        from count in Gen.Choose(0, 12)
        from addresses in Gen.ArrayOf(AddressOf(family), count)
        from pass in Gen.Elements(false, true)
        from password in Gen.ArrayOf(Gen.Choose('a', 'z').Select(c => (char)c), 8).Select(c => new string(c))
        let interval = v3 ? TimeSpan.FromMilliseconds(units * 10) : TimeSpan.FromSeconds(units)
        let advert = new VrrpAdvert(version, (byte)vrid, (byte)prio, interval, [.. addresses])
        select (version == VrrpVersion.V2
            ? advert with
            {
                AuthType = pass ? VrrpAuthType.Pass : VrrpAuthType.None,
                AuthData = pass ? VrrpCodec.PassAuthData(password) : VrrpCodec.PassAuthData(null),
            }
            : advert, family);

    [Fact]
    public void EncodeThenDecode_AnyAdvert_GivesBackEveryField()
    {
        var source4 = IPAddress.Parse("192.0.2.1");
        var source6 = IPAddress.Parse("fe80::1");
        Prop.ForAll(Adverts().ToArbitrary(), t =>
        {
            var (advert, family) = t;
            var src = family == AddressFamily.InterNetwork ? source4 : source6;
            var dst = family == AddressFamily.InterNetwork ? VrrpInstanceSettings.MulticastGroupV4 : VrrpInstanceSettings.MulticastGroupV6;
            var mode = advert.Version == VrrpVersion.V2 ? VrrpChecksumMode.MessageOnly : VrrpChecksumMode.PseudoHeader;

            var bytes = VrrpCodec.Encode(advert, family, mode, src, dst);
            var decoded = VrrpCodec.Decode(bytes, family);

            return bytes.Length == VrrpCodec.MessageLength((int)advert.Version, family, advert.Addresses.Length)
                && VrrpCodec.VerifyChecksum(bytes, mode, src, dst)
                && decoded.Version == advert.Version
                && decoded.VirtualRouterId == advert.VirtualRouterId
                && decoded.Priority == advert.Priority
                && decoded.AdvertisementInterval == advert.AdvertisementInterval
                && decoded.Addresses.SequenceEqual(advert.Addresses)
                && decoded.AuthType == advert.AuthType
                && decoded.AuthData.AsSpan().SequenceEqual(advert.AuthData.AsSpan());
        }).QuickCheckThrowOnFailure();
    }
}
