using System.Buffers.Binary;
using System.Net.Sockets;
using Vigil.Linux.Netlink;
using static Vigil.Linux.Rtnl.RtnlConstants;

namespace Vigil.Linux.Rtnl;

/// <summary>Encodes and decodes RTM_*RULE messages (struct fib_rule_hdr + FRA_* attributes, linux/fib_rules.h).</summary>
internal static class RuleMessages
{
    public static byte[] Dump(AddressFamily family)
    {
        var b = new NetlinkMessageBuilder(RTM_GETRULE, Netlink.Netlink.NLM_F_DUMP);
        var h = b.Reserve(FibRuleHdrLength);
        h[0] = RtnlFamily.ToKernel(family);
        return b.ToArray();
    }

    public static byte[] Add(RuleEntry r) => Encode(RTM_NEWRULE, Netlink.Netlink.NLM_F_CREATE | Netlink.Netlink.NLM_F_EXCL, r);

    public static byte[] Delete(RuleEntry r) => Encode(RTM_DELRULE, 0, r);

    private static byte[] Encode(ushort type, ushort flags, RuleEntry r)
    {
        Validate(r);
        var add = type == RTM_NEWRULE;
        var action = r.Action;
        if (r.Goto is not null)
        {
            action = RuleAction.Goto;
        }
        else if (action == RuleAction.Unspecified && (add || r.Table is not null))
        {
            action = RuleAction.ToTable;
        }

        // ip-rule(8): a new rule without a table looks up main.
        var table = r.Table ?? (add && action == RuleAction.ToTable ? RT_TABLE_MAIN : 0u);

        var b = new NetlinkMessageBuilder(type, flags);
        var h = b.Reserve(FibRuleHdrLength);
        h[0] = RtnlFamily.ToKernel(r.Family);
        h[1] = (byte)r.ToPrefixLength;
        h[2] = (byte)r.FromPrefixLength;
        h[3] = r.Tos;
        h[4] = table < 256 ? (byte)table : RT_TABLE_UNSPEC;
        h[7] = (byte)action;
        BinaryPrimitives.WriteUInt32LittleEndian(h[8..], r.Invert ? FIB_RULE_INVERT : 0u);

        if (r.Priority is uint prio)
        {
            b.PutU32(FRA_PRIORITY, prio);
        }

        if (r.To is not null)
        {
            b.PutAddress(FRA_DST, r.To);
        }

        if (r.From is not null)
        {
            b.PutAddress(FRA_SRC, r.From);
        }

        if (r.FirewallMark is uint mark)
        {
            b.PutU32(FRA_FWMARK, mark);
        }

        if (r.FirewallMask is uint mask)
        {
            b.PutU32(FRA_FWMASK, mask);
        }

        if (r.Realms is uint realms)
        {
            b.PutU32(FRA_FLOW, realms);
        }

        if (table >= 256)
        {
            b.PutU32(FRA_TABLE, table);
        }

        if (r.SuppressPrefixLength is int spl)
        {
            b.PutU32(FRA_SUPPRESS_PREFIXLEN, (uint)spl);
        }

        if (r.SuppressInterfaceGroup is int sig)
        {
            b.PutU32(FRA_SUPPRESS_IFGROUP, (uint)sig);
        }

        if (r.InputInterface is not null)
        {
            b.PutString(FRA_IIFNAME, r.InputInterface);
        }

        if (r.OutputInterface is not null)
        {
            b.PutString(FRA_OIFNAME, r.OutputInterface);
        }

        if (r.L3mdev)
        {
            b.PutU8(FRA_L3MDEV, 1);
        }

        if (r.UidRange is { } uid)
        {
            Span<byte> v = stackalloc byte[8];
            BinaryPrimitives.WriteUInt32LittleEndian(v, uid.Start);
            BinaryPrimitives.WriteUInt32LittleEndian(v[4..], uid.End);
            b.PutAttribute(FRA_UID_RANGE, v);
        }

        b.PutU8(FRA_PROTOCOL, r.Protocol);

        if (r.IpProtocol is byte ipProto)
        {
            b.PutU8(FRA_IP_PROTO, ipProto);
        }

        PutPortRange(b, FRA_SPORT_RANGE, r.SourcePortRange);
        PutPortRange(b, FRA_DPORT_RANGE, r.DestinationPortRange);

        if (r.Goto is uint target)
        {
            b.PutU32(FRA_GOTO, target);
        }

        if (r.TunnelId is ulong tun)
        {
            Span<byte> v = stackalloc byte[8];
            BinaryPrimitives.WriteUInt64BigEndian(v, tun); // __be64
            b.PutAttribute(FRA_TUN_ID, v);
        }

        return b.ToArray();
    }

    /// <summary>struct fib_rule_port_range { __u16 start; __u16 end; } in host order.</summary>
    private static void PutPortRange(NetlinkMessageBuilder b, ushort type, (ushort Start, ushort End)? range)
    {
        if (range is { } r)
        {
            Span<byte> v = stackalloc byte[4];
            BinaryPrimitives.WriteUInt16LittleEndian(v, r.Start);
            BinaryPrimitives.WriteUInt16LittleEndian(v[2..], r.End);
            b.PutAttribute(type, v);
        }
    }

    public static bool TryParse(NetlinkMessage msg, out RuleEntry rule)
    {
        rule = null!;
        var p = msg.Payload;
        if (msg.Type is not (RTM_NEWRULE or RTM_DELRULE) || p.Length < FibRuleHdrLength)
        {
            return false;
        }

        var family = RtnlFamily.FromKernel(p[0]);
        if (family == AddressFamily.Unspecified)
        {
            return false;
        }

        var r = new RuleEntry(family)
        {
            ToPrefixLength = p[1],
            FromPrefixLength = p[2],
            Tos = p[3],
            Table = p[4] == 0 ? null : p[4],
            Action = (RuleAction)p[7],
            Invert = (BinaryPrimitives.ReadUInt32LittleEndian(p[8..]) & FIB_RULE_INVERT) != 0,
            Protocol = 0,
        };
        foreach (var a in msg.Attributes(FibRuleHdrLength))
        {
            switch (a.Type)
            {
                case FRA_PRIORITY:
                    r = r with { Priority = a.U32 };
                    break;
                case FRA_DST:
                    r = r with { To = a.Address };
                    break;
                case FRA_SRC:
                    r = r with { From = a.Address };
                    break;
                case FRA_FWMARK:
                    r = r with { FirewallMark = a.U32 };
                    break;
                case FRA_FWMASK:
                    r = r with { FirewallMask = a.U32 };
                    break;
                case FRA_FLOW:
                    r = r with { Realms = a.U32 };
                    break;
                case FRA_TABLE:
                    r = r with { Table = a.U32 };
                    break;
                case FRA_SUPPRESS_PREFIXLEN:
                    r = r with { SuppressPrefixLength = (int)a.U32 };
                    break;
                case FRA_SUPPRESS_IFGROUP:
                    r = r with { SuppressInterfaceGroup = (int)a.U32 };
                    break;
                case FRA_IIFNAME:
                    r = r with { InputInterface = a.String };
                    break;
                case FRA_OIFNAME:
                    r = r with { OutputInterface = a.String };
                    break;
                case FRA_L3MDEV:
                    r = r with { L3mdev = a.U8 != 0 };
                    break;
                case FRA_UID_RANGE when a.Value.Length >= 8:
                    r = r with { UidRange = (BinaryPrimitives.ReadUInt32LittleEndian(a.Value), BinaryPrimitives.ReadUInt32LittleEndian(a.Value[4..])) };
                    break;
                case FRA_PROTOCOL:
                    r = r with { Protocol = a.U8 };
                    break;
                case FRA_IP_PROTO:
                    r = r with { IpProtocol = a.U8 };
                    break;
                case FRA_SPORT_RANGE when a.Value.Length >= 4:
                    r = r with { SourcePortRange = (BinaryPrimitives.ReadUInt16LittleEndian(a.Value), BinaryPrimitives.ReadUInt16LittleEndian(a.Value[2..])) };
                    break;
                case FRA_DPORT_RANGE when a.Value.Length >= 4:
                    r = r with { DestinationPortRange = (BinaryPrimitives.ReadUInt16LittleEndian(a.Value), BinaryPrimitives.ReadUInt16LittleEndian(a.Value[2..])) };
                    break;
                case FRA_GOTO:
                    r = r with { Goto = a.U32 };
                    break;
                case FRA_TUN_ID when a.Value.Length >= 8:
                    r = r with { TunnelId = BinaryPrimitives.ReadUInt64BigEndian(a.Value) };
                    break;
            }
        }

        rule = r;
        return true;
    }

    private static void Validate(RuleEntry r)
    {
        if (r.Family is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6))
        {
            throw new ArgumentException("a rule is IPv4 or IPv6", nameof(r));
        }

        RtnlFamily.CheckPrefix(r.Family, r.FromPrefixLength, nameof(r.FromPrefixLength));
        RtnlFamily.CheckPrefix(r.Family, r.ToPrefixLength, nameof(r.ToPrefixLength));
        RtnlFamily.CheckFamily(r.From, r.Family, nameof(r.From));
        RtnlFamily.CheckFamily(r.To, r.Family, nameof(r.To));
    }
}
