using System.Buffers.Binary;
using System.Net;
using System.Net.NetworkInformation;
using Vigil.Linux.Interop;
using Vigil.Linux.Rtnl;
using static Vigil.Linux.Interop.Libc;

namespace Vigil.Linux.Announce;

/// <summary>
/// Sends gratuitous ARPs and unsolicited neighbour advertisements as whole Ethernet frames on an AF_PACKET
/// socket (protocol 0: it never receives). One sender serves every interface of its network namespace (the
/// interface is chosen per frame by index). Failures throw <see cref="ErrnoException"/>.
/// </summary>
public sealed class AnnouncementSender : IDisposable
{
    private readonly SafeFileDescriptor _fd;

    private AnnouncementSender(SafeFileDescriptor fd) => _fd = fd;

    /// <summary>Opens the socket in the calling thread's network namespace (needs CAP_NET_RAW).</summary>
    public static AnnouncementSender Open()
    {
        var fd = Socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, 0);
        if (fd < 0)
        {
            throw new ErrnoException("socket(AF_PACKET, SOCK_RAW, 0)", LastErrno);
        }

        return new AnnouncementSender(new SafeFileDescriptor(fd));
    }

    /// <summary>
    /// Sends a gratuitous ARP for <paramref name="vip"/> on <paramref name="link"/> with the link's MAC, or
    /// <paramref name="sourceMac"/> (the VMAC). Returns false, sending nothing, on a NOARP interface or one
    /// without an Ethernet address (reference §3.8).
    /// </summary>
    public bool SendGratuitousArp(LinkEntry link, IPAddress vip, PhysicalAddress? sourceMac = null)
    {
        var mac = sourceMac ?? link.Address;
        if (link.IsNoArp || mac is null || mac.GetAddressBytes().Length != 6)
        {
            return false;
        }

        SendFrame(link.Index, AnnouncementFrames.GratuitousArp(mac, vip), $"gratuitous ARP for {vip} on {link.Name}");
        return true;
    }

    /// <summary>
    /// Sends an unsolicited neighbour advertisement for <paramref name="vip"/> on <paramref name="link"/>;
    /// <paramref name="router"/> sets the Router flag (pass true when IPv6 forwarding is on for the interface).
    /// Returns false, sending nothing, on a NOARP interface (no neighbour discovery there) or one without an
    /// Ethernet address.
    /// </summary>
    public bool SendUnsolicitedNeighborAdvertisement(LinkEntry link, IPAddress vip, bool router, PhysicalAddress? sourceMac = null)
    {
        var mac = sourceMac ?? link.Address;
        if (link.IsNoArp || mac is null || mac.GetAddressBytes().Length != 6)
        {
            return false;
        }

        SendFrame(link.Index, AnnouncementFrames.UnsolicitedNeighborAdvertisement(mac, vip, router), $"neighbour advertisement for {vip} on {link.Name}");
        return true;
    }

    /// <summary>Sends a complete Ethernet frame (destination MAC in its first 6 bytes) on interface <paramref name="interfaceIndex"/>.</summary>
    public unsafe void SendFrame(int interfaceIndex, ReadOnlySpan<byte> frame, string what)
    {
        if (frame.Length < 14)
        {
            throw new ArgumentException("an Ethernet frame has at least 14 bytes", nameof(frame));
        }

        // struct sockaddr_ll { u16 family; __be16 protocol; int ifindex; u16 hatype; u8 pkttype; u8 halen; u8 addr[8]; }
        Span<byte> sll = stackalloc byte[20];
        sll.Clear();
        BinaryPrimitives.WriteUInt16LittleEndian(sll, AF_PACKET);
        frame.Slice(12, 2).CopyTo(sll[2..]);
        BinaryPrimitives.WriteInt32LittleEndian(sll[4..], interfaceIndex);
        sll[11] = 6;
        frame[..6].CopyTo(sll[12..]);

        var added = false;
        _fd.DangerousAddRef(ref added);
        try
        {
            nint sent;
            fixed (byte* p = frame)
            fixed (byte* a = sll)
            {
                do
                {
                    sent = SendTo((int)_fd.DangerousGetHandle(), p, (nuint)frame.Length, 0, a, 20);
                }
                while (sent < 0 && LastErrno == Errno.EINTR);
            }

            if (sent < 0)
            {
                throw new ErrnoException($"send {what}", LastErrno);
            }
        }
        finally
        {
            if (added)
            {
                _fd.DangerousRelease();
            }
        }
    }

    public void Dispose() => _fd.Dispose();
}
