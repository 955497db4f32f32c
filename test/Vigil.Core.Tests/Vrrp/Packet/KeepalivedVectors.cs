namespace Vigil.Vrrp.Packet.Tests;

/// <summary>
/// Frames sent by keepalived 2.2.7 (captured on the lab bridge; shared/reference/vectors/*.hex). Node 192.0.2.1 /
/// fe80::c0ff:fe00:201, MAC 02:00:c0:00:02:01.
/// </summary>
internal static class KeepalivedVectors
{
    /// <summary>v2, vrid 51, prio 150, adv 1 s, auth none, VIP 192.0.2.100, checksum 0x8665.</summary>
    public const string V2Advert = """
        01 00 5e 00 00 12 02 00 c0 00 02 01 08 00 45 c0
        00 28 00 01 00 00 ff 70 18 91 c0 00 02 01 e0 00
        00 12 21 33 96 01 00 01 86 65 c0 00 02 64 00 00
        00 00 00 00 00 00
        """;

    /// <summary>The same instance's priority-0 advert on SIGTERM, checksum 0x1c66.</summary>
    public const string V2Prio0 = """
        01 00 5e 00 00 12 02 00 c0 00 02 01 08 00 45 c0
        00 28 00 0a 00 00 ff 70 18 88 c0 00 02 01 e0 00
        00 12 21 33 00 01 00 01 1c 66 c0 00 02 64 00 00
        00 00 00 00 00 00
        """;

    /// <summary>v2, vrid 52, prio 120, auth PASS "secret12", VIPs 192.0.2.101-103, checksum 0xb114.</summary>
    public const string V2AuthAdvert = """
        01 00 5e 00 00 12 02 00 c0 00 02 01 08 00 45 c0
        00 30 00 01 00 00 ff 70 18 89 c0 00 02 01 e0 00
        00 12 21 34 78 03 01 01 b1 14 c0 00 02 65 c0 00
        02 66 c0 00 02 67 73 65 63 72 65 74 31 32
        """;

    /// <summary>Its priority-0 advert, checksum 0x2915.</summary>
    public const string V2AuthPrio0 = """
        01 00 5e 00 00 12 02 00 c0 00 02 01 08 00 45 c0
        00 30 00 0a 00 00 ff 70 18 80 c0 00 02 01 e0 00
        00 12 21 34 00 03 01 01 29 15 c0 00 02 65 c0 00
        02 66 c0 00 02 67 73 65 63 72 65 74 31 32
        """;

    /// <summary>v3 over IPv4, vrid 53, prio 150, 10 cs, VIP 192.0.2.100, checksum 0xd3c9 (with pseudo-header).</summary>
    public const string V3Advert = """
        01 00 5e 00 00 12 02 00 c0 00 02 01 08 00 45 c0
        00 20 00 01 00 00 ff 70 18 99 c0 00 02 01 e0 00
        00 12 31 35 96 01 00 0a d3 c9 c0 00 02 64
        """;

    /// <summary>Its priority-0 advert, checksum 0x69ca.</summary>
    public const string V3Prio0 = """
        01 00 5e 00 00 12 02 00 c0 00 02 01 08 00 45 c0
        00 20 00 71 00 00 ff 70 18 29 c0 00 02 01 e0 00
        00 12 31 35 00 01 00 0a 69 ca c0 00 02 64
        """;

    /// <summary>v3 over IPv6 fe80::c0ff:fe00:201 → ff02::12, vrid 54, prio 150, 100 cs, VIP 2001:db8::100, 0x4a8b.</summary>
    public const string V3Ipv6Advert = """
        33 33 00 00 00 12 02 00 c0 00 02 01 86 dd 6c 0f
        4c eb 00 18 70 ff fe 80 00 00 00 00 00 00 00 00
        c0 ff fe 00 02 01 ff 02 00 00 00 00 00 00 00 00
        00 00 00 00 00 12 31 36 96 01 00 64 4a 8b 20 01
        0d b8 00 00 00 00 00 00 00 00 00 00 01 00
        """;

    /// <summary>Its priority-0 advert, checksum 0xe08b.</summary>
    public const string V3Ipv6Prio0 = """
        33 33 00 00 00 12 02 00 c0 00 02 01 86 dd 6c 0f
        4c eb 00 18 70 ff fe 80 00 00 00 00 00 00 00 00
        c0 ff fe 00 02 01 ff 02 00 00 00 00 00 00 00 00
        00 00 00 00 00 12 31 36 00 01 00 64 e0 8b 20 01
        0d b8 00 00 00 00 00 00 00 00 00 00 01 00
        """;

    public static string Get(string name) => name switch
    {
        nameof(V2Advert) => V2Advert,
        nameof(V2Prio0) => V2Prio0,
        nameof(V2AuthAdvert) => V2AuthAdvert,
        nameof(V2AuthPrio0) => V2AuthPrio0,
        nameof(V3Advert) => V3Advert,
        nameof(V3Prio0) => V3Prio0,
        nameof(V3Ipv6Advert) => V3Ipv6Advert,
        nameof(V3Ipv6Prio0) => V3Ipv6Prio0,
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };
}
