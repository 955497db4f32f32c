using System.Buffers.Binary;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Vigil.Linux.Interop;
using Vigil.Linux.Vrrp;

namespace Vigil.Linux.Announce;

/// <summary>
/// The Ethernet frames a new master sends for its virtual addresses (reference §3.8), byte for byte as keepalived
/// sends them: a gratuitous ARP request, and an unsolicited neighbour advertisement (RFC 4861 §7.2.6).
/// </summary>
public static class AnnouncementFrames
{
    public const int GratuitousArpLength = 42;
    public const int NeighborAdvertisementLength = 14 + 40 + 24 + 8;

    private static readonly IPAddress s_allNodes = IPAddress.Parse("ff02::1");

    /// <summary>
    /// Ethernet dst ff:ff:ff:ff:ff:ff, src <paramref name="mac"/>, ARP (RFC 826) request: htype 1, ptype 0x0800,
    /// op 1, sender = <paramref name="mac"/> / <paramref name="vip"/>, target MAC ff:ff:ff:ff:ff:ff, target IP = VIP.
    /// </summary>
    public static byte[] GratuitousArp(PhysicalAddress mac, IPAddress vip)
    {
        var macBytes = CheckMac(mac);
        if (vip.AddressFamily != AddressFamily.InterNetwork)
        {
            throw new ArgumentException("gratuitous ARP is for IPv4 addresses", nameof(vip));
        }

        var f = new byte[GratuitousArpLength];
        f.AsSpan(0, 6).Fill(0xff);
        macBytes.CopyTo(f, 6);
        BinaryPrimitives.WriteUInt16BigEndian(f.AsSpan(12), Libc.ETH_P_ARP);
        var arp = f.AsSpan(14);
        BinaryPrimitives.WriteUInt16BigEndian(arp, 1);                 // ARPHRD_ETHER
        BinaryPrimitives.WriteUInt16BigEndian(arp[2..], Libc.ETH_P_IP);
        arp[4] = 6;
        arp[5] = 4;
        BinaryPrimitives.WriteUInt16BigEndian(arp[6..], 1);            // ARPOP_REQUEST
        macBytes.CopyTo(arp[8..]);
        vip.TryWriteBytes(arp[14..], out _);
        arp.Slice(18, 6).Fill(0xff);
        vip.TryWriteBytes(arp[24..], out _);
        return f;
    }

    /// <summary>
    /// Ethernet dst 33:33:00:00:00:01, src <paramref name="mac"/>; IPv6 src = <paramref name="vip"/>, dst ff02::1,
    /// hop limit 255; ICMPv6 type 136 code 0 with the Override flag (and Router when <paramref name="router"/>,
    /// i.e. forwarding is enabled on the interface), target = VIP, option 2 (Target Link-Layer Address) = MAC.
    /// </summary>
    public static byte[] UnsolicitedNeighborAdvertisement(PhysicalAddress mac, IPAddress vip, bool router)
    {
        var macBytes = CheckMac(mac);
        if (vip.AddressFamily != AddressFamily.InterNetworkV6)
        {
            throw new ArgumentException("neighbour advertisements are for IPv6 addresses", nameof(vip));
        }

        var f = new byte[NeighborAdvertisementLength];
        f[0] = 0x33;
        f[1] = 0x33;
        f[5] = 0x01;
        macBytes.CopyTo(f, 6);
        BinaryPrimitives.WriteUInt16BigEndian(f.AsSpan(12), Libc.ETH_P_IPV6);

        var ip = f.AsSpan(14, 40);
        ip[0] = 0x60;
        BinaryPrimitives.WriteUInt16BigEndian(ip[4..], 32);
        ip[6] = Libc.IPPROTO_ICMPV6;
        ip[7] = 255;
        vip.TryWriteBytes(ip[8..], out _);
        s_allNodes.TryWriteBytes(ip[24..], out _);

        var icmp = f.AsSpan(54, 32);
        icmp[0] = 136;
        icmp[4] = (byte)((router ? 0x80 : 0) | 0x20); // R, S (never: unsolicited), O
        vip.TryWriteBytes(icmp[8..], out _);
        icmp[24] = 2;  // Target Link-Layer Address
        icmp[25] = 1;  // length in units of 8 bytes
        macBytes.CopyTo(icmp[26..]);

        // RFC 4443 §2.3: checksum over the RFC 8200 §8.1 pseudo-header and the ICMPv6 message.
        Span<byte> pseudo = stackalloc byte[40];
        pseudo.Clear();
        ip.Slice(8, 32).CopyTo(pseudo);
        BinaryPrimitives.WriteUInt32BigEndian(pseudo[32..], 32);
        pseudo[39] = Libc.IPPROTO_ICMPV6;
        var sum = InternetChecksum.Add(InternetChecksum.Add(0, pseudo), icmp);
        BinaryPrimitives.WriteUInt16BigEndian(icmp[2..], InternetChecksum.Finish(sum));
        return f;
    }

    private static byte[] CheckMac(PhysicalAddress mac)
    {
        var bytes = mac.GetAddressBytes();
        if (bytes.Length != 6)
        {
            throw new ArgumentException("an Ethernet MAC has 6 bytes", nameof(mac));
        }

        return bytes;
    }
}
