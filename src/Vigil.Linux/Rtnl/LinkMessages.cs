using System.Buffers.Binary;
using System.Net.NetworkInformation;
using Vigil.Linux.Interop;
using Vigil.Linux.Netlink;
using static Vigil.Linux.Rtnl.RtnlConstants;

namespace Vigil.Linux.Rtnl;

/// <summary>Encodes and decodes RTM_*LINK messages (struct ifinfomsg + IFLA_* attributes, linux/if_link.h).</summary>
internal static class LinkMessages
{
    public static byte[] Dump()
    {
        var b = Begin(RTM_GETLINK, Netlink.Netlink.NLM_F_DUMP, 0, 0, 0);
        b.PutU32(IFLA_EXT_MASK, RTEXT_FILTER_SKIP_STATS);
        return b.ToArray();
    }

    public static byte[] GetByIndex(int index)
    {
        var b = Begin(RTM_GETLINK, 0, index, 0, 0);
        b.PutU32(IFLA_EXT_MASK, RTEXT_FILTER_SKIP_STATS);
        return b.ToArray();
    }

    public static byte[] GetByName(string name)
    {
        CheckName(name);
        var b = Begin(RTM_GETLINK, 0, 0, 0, 0);
        b.PutU32(IFLA_EXT_MASK, RTEXT_FILTER_SKIP_STATS);
        b.PutString(IFLA_IFNAME, name);
        return b.ToArray();
    }

    /// <summary>
    /// RTM_NEWLINK creating a macvlan on <paramref name="parentIndex"/> ("ip link add NAME link PARENT address MAC
    /// type macvlan mode MODE"); keepalived's VMAC is mode private with MAC 00:00:5e:00:01:VRID (reference §3.9).
    /// </summary>
    public static byte[] CreateMacvlan(int parentIndex, string name, PhysicalAddress mac, uint mode)
    {
        CheckName(name);
        var b = Begin(RTM_NEWLINK, Netlink.Netlink.NLM_F_CREATE | Netlink.Netlink.NLM_F_EXCL, 0, 0, 0);
        b.PutString(IFLA_IFNAME, name);
        b.PutAttribute(IFLA_ADDRESS, mac.GetAddressBytes());
        b.PutU32(IFLA_LINK, (uint)parentIndex);
        var info = b.BeginNested(IFLA_LINKINFO);
        b.PutString(IFLA_INFO_KIND, "macvlan");
        var data = b.BeginNested(IFLA_INFO_DATA);
        b.PutU32(IFLA_MACVLAN_MODE, mode);
        b.EndNested(data);
        b.EndNested(info);
        return b.ToArray();
    }

    public static byte[] Delete(int index) => Begin(RTM_DELLINK, 0, index, 0, 0).ToArray();

    /// <summary>"ip link set dev up|down": RTM_NEWLINK with ifi_change = IFF_UP.</summary>
    public static byte[] SetUp(int index, bool up) => Begin(RTM_NEWLINK, 0, index, up ? IFF_UP : 0, IFF_UP).ToArray();

    /// <summary>"ip link set dev addrgenmode none|eui64|stable_secret|random": IFLA_AF_SPEC/AF_INET6/IFLA_INET6_ADDR_GEN_MODE.</summary>
    public static byte[] SetIpv6AddressGenerationMode(int index, byte mode)
    {
        var b = Begin(RTM_NEWLINK, 0, index, 0, 0);
        var spec = b.BeginNested(IFLA_AF_SPEC);
        var inet6 = b.BeginNested(Libc.AF_INET6);
        b.PutU8(IFLA_INET6_ADDR_GEN_MODE, mode);
        b.EndNested(inet6);
        b.EndNested(spec);
        return b.ToArray();
    }

    public static bool TryParse(NetlinkMessage msg, out LinkEntry link)
    {
        link = null!;
        var p = msg.Payload;
        if (msg.Type is not (RTM_NEWLINK or RTM_DELLINK) || p.Length < IfInfoMsgLength)
        {
            return false;
        }

        var type = BinaryPrimitives.ReadUInt16LittleEndian(p[2..]);
        var index = BinaryPrimitives.ReadInt32LittleEndian(p[4..]);
        var flags = BinaryPrimitives.ReadUInt32LittleEndian(p[8..]);
        string name = "";
        int mtu = 0, linkIndex = 0, master = 0;
        byte oper = 0;
        PhysicalAddress? mac = null;
        string? kind = null;
        uint? mode = null;
        foreach (var a in msg.Attributes(IfInfoMsgLength))
        {
            switch (a.Type)
            {
                case IFLA_IFNAME:
                    name = a.String;
                    break;
                case IFLA_MTU:
                    mtu = (int)a.U32;
                    break;
                case IFLA_ADDRESS:
                    mac = new PhysicalAddress(a.Value.ToArray());
                    break;
                case IFLA_LINK:
                    linkIndex = (int)a.U32;
                    break;
                case IFLA_MASTER:
                    master = (int)a.U32;
                    break;
                case IFLA_OPERSTATE:
                    oper = a.U8;
                    break;
                case IFLA_LINKINFO:
                    foreach (var i in a.Nested)
                    {
                        if (i.Type == IFLA_INFO_KIND)
                        {
                            kind = i.String;
                        }
                        else if (i.Type == IFLA_INFO_DATA && kind == "macvlan" && i.Nested.TryGet(IFLA_MACVLAN_MODE, out var m))
                        {
                            mode = m.U32;
                        }
                    }

                    break;
            }
        }

        link = new LinkEntry(index, name, flags)
        {
            Mtu = mtu,
            Address = mac,
            HardwareType = type,
            LinkIndex = linkIndex,
            MasterIndex = master,
            Kind = kind,
            MacvlanMode = mode,
            OperState = oper,
        };
        return true;
    }

    private static NetlinkMessageBuilder Begin(ushort type, ushort flags, int index, uint ifFlags, uint change)
    {
        var b = new NetlinkMessageBuilder(type, flags);
        var ifi = b.Reserve(IfInfoMsgLength); // family AF_UNSPEC, type 0
        BinaryPrimitives.WriteInt32LittleEndian(ifi[4..], index);
        BinaryPrimitives.WriteUInt32LittleEndian(ifi[8..], ifFlags);
        BinaryPrimitives.WriteUInt32LittleEndian(ifi[12..], change);
        return b;
    }

    private static void CheckName(string name)
    {
        // IFNAMSIZ is 16 including the NUL (linux/if.h); the kernel also refuses '/', ':' and whitespace.
        if (string.IsNullOrEmpty(name) || name.Length > 15 || name.Any(c => c is '/' or ':' || char.IsWhiteSpace(c) || c > 0x7e))
        {
            throw new ArgumentException($"invalid interface name '{name}'", nameof(name));
        }
    }
}
