using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Vigil.Linux.Netlink;
using static Vigil.Linux.Rtnl.RtnlConstants;

namespace Vigil.Linux.Rtnl;

/// <summary>Encodes and decodes RTM_*ADDR messages (struct ifaddrmsg + IFA_* attributes, linux/if_addr.h).</summary>
internal static class AddressMessages
{
    public static byte[] Dump(AddressFamily family)
    {
        var b = new NetlinkMessageBuilder(RTM_GETADDR, Netlink.Netlink.NLM_F_DUMP);
        var ifa = b.Reserve(IfAddrMsgLength);
        ifa[0] = RtnlFamily.ToKernel(family);
        return b.ToArray();
    }

    /// <summary>
    /// RTM_NEWADDR as "ip addr add ADDR/PLEN [peer P] [brd B] [label L] [scope S] [valid_lft V preferred_lft P]
    /// [nodad] [noprefixroute] [home] [mngtmpaddr] [proto N]": IFA_LOCAL is the address; IFA_ADDRESS is the peer,
    /// or the address again when there is none. Flags above 0xff only fit in IFA_FLAGS.
    /// </summary>
    public static byte[] Add(AddressEntry a, bool replace)
    {
        Validate(a);
        var flags = (ushort)(Netlink.Netlink.NLM_F_CREATE | (replace ? Netlink.Netlink.NLM_F_REPLACE : Netlink.Netlink.NLM_F_EXCL));
        var b = Begin(RTM_NEWADDR, flags, a);
        b.PutAddress(IFA_LOCAL, a.Address);
        b.PutAddress(IFA_ADDRESS, a.Peer ?? a.Address);
        if (a.Broadcast is not null)
        {
            b.PutAddress(IFA_BROADCAST, a.Broadcast);
        }

        if (a.Label is not null)
        {
            b.PutString(IFA_LABEL, a.Label);
        }

        if (a.PreferredLifetime is not null || a.ValidLifetime is not null)
        {
            // struct ifa_cacheinfo { __u32 ifa_prefered; __u32 ifa_valid; __u32 cstamp; __u32 tstamp; }
            Span<byte> ci = stackalloc byte[16];
            ci.Clear();
            BinaryPrimitives.WriteUInt32LittleEndian(ci, a.PreferredLifetime ?? AddressEntry.InfiniteLifetime);
            BinaryPrimitives.WriteUInt32LittleEndian(ci[4..], a.ValidLifetime ?? AddressEntry.InfiniteLifetime);
            b.PutAttribute(IFA_CACHEINFO, ci);
        }

        if ((uint)a.Flags > 0xff)
        {
            b.PutU32(IFA_FLAGS, (uint)a.Flags);
        }

        if (a.Protocol is byte proto)
        {
            b.PutU8(IFA_PROTO, proto);
        }

        return b.ToArray();
    }

    /// <summary>RTM_DELADDR for the address (and its peer, which is part of the key for point-to-point addresses).</summary>
    public static byte[] Delete(AddressEntry a)
    {
        Validate(a);
        var b = Begin(RTM_DELADDR, 0, a with { Flags = AddressFlags.None, Scope = RouteScope.Universe });
        b.PutAddress(IFA_LOCAL, a.Address);
        b.PutAddress(IFA_ADDRESS, a.Peer ?? a.Address);
        return b.ToArray();
    }

    public static bool TryParse(NetlinkMessage msg, out AddressEntry entry)
    {
        entry = null!;
        var p = msg.Payload;
        if (msg.Type is not (RTM_NEWADDR or RTM_DELADDR) || p.Length < IfAddrMsgLength)
        {
            return false;
        }

        var family = RtnlFamily.FromKernel(p[0]);
        if (family == AddressFamily.Unspecified)
        {
            return false;
        }

        var prefix = p[1];
        uint flags = p[2];
        var scope = (RouteScope)p[3];
        var index = (int)BinaryPrimitives.ReadUInt32LittleEndian(p[4..]);
        IPAddress? local = null, address = null, broadcast = null;
        string? label = null;
        uint? preferred = null, valid = null;
        byte? proto = null;
        foreach (var a in msg.Attributes(IfAddrMsgLength))
        {
            switch (a.Type)
            {
                case IFA_LOCAL:
                    local = a.Address;
                    break;
                case IFA_ADDRESS:
                    address = a.Address;
                    break;
                case IFA_BROADCAST:
                    broadcast = a.Address;
                    break;
                case IFA_LABEL:
                    label = a.String;
                    break;
                case IFA_FLAGS:
                    flags = a.U32;
                    break;
                case IFA_CACHEINFO when a.Value.Length >= 8:
                    preferred = BinaryPrimitives.ReadUInt32LittleEndian(a.Value);
                    valid = BinaryPrimitives.ReadUInt32LittleEndian(a.Value[4..]);
                    break;
                case IFA_PROTO:
                    proto = a.U8;
                    break;
            }
        }

        // IPv4 always reports IFA_LOCAL (the address) and IFA_ADDRESS (peer or the same); IPv6 reports only
        // IFA_ADDRESS unless a peer is configured, in which case IFA_LOCAL is the address.
        var own = local ?? address;
        if (own is null)
        {
            return false;
        }

        var peer = local is not null && address is not null && !address.Equals(local) ? address : null;
        entry = new AddressEntry(index, own, prefix)
        {
            Peer = peer,
            Broadcast = broadcast,
            Label = label,
            Scope = scope,
            Flags = (AddressFlags)flags,
            PreferredLifetime = preferred,
            ValidLifetime = valid,
            Protocol = proto,
        };
        return true;
    }

    private static NetlinkMessageBuilder Begin(ushort type, ushort flags, AddressEntry a)
    {
        var b = new NetlinkMessageBuilder(type, flags);
        var ifa = b.Reserve(IfAddrMsgLength);
        ifa[0] = RtnlFamily.ToKernel(a.Family);
        ifa[1] = (byte)a.PrefixLength;
        ifa[2] = (byte)((uint)a.Flags & 0xff);
        ifa[3] = (byte)a.Scope;
        BinaryPrimitives.WriteUInt32LittleEndian(ifa[4..], (uint)a.InterfaceIndex);
        return b;
    }

    private static void Validate(AddressEntry a)
    {
        if (a.InterfaceIndex <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(a), a.InterfaceIndex, "interface index must be positive");
        }

        RtnlFamily.CheckPrefix(a.Family, a.PrefixLength, nameof(a.PrefixLength));
        RtnlFamily.CheckFamily(a.Peer, a.Family, nameof(a.Peer));
        RtnlFamily.CheckFamily(a.Broadcast, a.Family, nameof(a.Broadcast));
        if (a.Label is not null && (a.Family != AddressFamily.InterNetwork || a.Label.Length is 0 or > 15))
        {
            throw new ArgumentException("a label is IPv4 only and at most 15 characters", nameof(a));
        }
    }
}
