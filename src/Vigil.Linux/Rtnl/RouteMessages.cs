using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Vigil.Linux.Netlink;
using static Vigil.Linux.Rtnl.RtnlConstants;

namespace Vigil.Linux.Rtnl;

/// <summary>Encodes and decodes RTM_*ROUTE messages (struct rtmsg + RTA_* attributes, linux/rtnetlink.h).</summary>
internal static class RouteMessages
{
    public static byte[] Dump(AddressFamily family)
    {
        var b = new NetlinkMessageBuilder(RTM_GETROUTE, Netlink.Netlink.NLM_F_DUMP);
        var rtm = b.Reserve(RtMsgLength);
        rtm[0] = RtnlFamily.ToKernel(family);
        return b.ToArray();
    }

    public static byte[] Add(RouteEntry r, RouteAddMode mode)
    {
        var flags = mode switch
        {
            RouteAddMode.Add => Netlink.Netlink.NLM_F_CREATE | Netlink.Netlink.NLM_F_EXCL,
            RouteAddMode.Prepend => Netlink.Netlink.NLM_F_CREATE,
            RouteAddMode.Append => Netlink.Netlink.NLM_F_CREATE | Netlink.Netlink.NLM_F_APPEND,
            _ => Netlink.Netlink.NLM_F_CREATE | Netlink.Netlink.NLM_F_REPLACE,
        };
        return Encode(RTM_NEWROUTE, (ushort)flags, r);
    }

    /// <summary>
    /// RTM_DELROUTE. Scope defaults to RT_SCOPE_NOWHERE ("any", as ip-route(8) does for delete); the protocol is
    /// sent, so only a route we tagged (18) matches; a zero field in the request matches anything.
    /// </summary>
    public static byte[] Delete(RouteEntry r) => Encode(RTM_DELROUTE, 0, r);

    private static byte[] Encode(ushort type, ushort flags, RouteEntry r)
    {
        Validate(r);
        var b = new NetlinkMessageBuilder(type, flags);
        var rtm = b.Reserve(RtMsgLength);
        rtm[0] = RtnlFamily.ToKernel(r.Family);
        rtm[1] = (byte)r.DestinationPrefixLength;
        rtm[2] = (byte)r.SourcePrefixLength;
        rtm[3] = r.Tos;
        rtm[4] = r.Table < 256 ? (byte)r.Table : RT_TABLE_UNSPEC;
        rtm[5] = r.Protocol;
        rtm[6] = (byte)(r.Scope ?? DefaultScope(type, r));
        rtm[7] = (byte)r.Type;
        BinaryPrimitives.WriteUInt32LittleEndian(rtm[8..], r.OnLink ? RTNH_F_ONLINK : 0u);

        if (r.Table >= 256)
        {
            b.PutU32(RTA_TABLE, r.Table);
        }

        if (r.Destination is not null)
        {
            b.PutAddress(RTA_DST, r.Destination);
        }

        if (r.Source is not null)
        {
            b.PutAddress(RTA_SRC, r.Source);
        }

        if (r.PreferredSource is not null)
        {
            b.PutAddress(RTA_PREFSRC, r.PreferredSource);
        }

        if (r.Gateway is not null)
        {
            PutGateway(b, r.Family, r.Gateway);
        }

        if (r.OutputInterface != 0)
        {
            b.PutU32(RTA_OIF, (uint)r.OutputInterface);
        }

        if (r.Metric is uint metric)
        {
            b.PutU32(RTA_PRIORITY, metric);
        }

        if (r.Realms is uint realms)
        {
            b.PutU32(RTA_FLOW, realms);
        }

        if (r.Ipv6Preference is byte pref)
        {
            b.PutU8(RTA_PREF, pref);
        }

        if (r.Expires is uint expires)
        {
            b.PutU32(RTA_EXPIRES, expires);
        }

        if (r.Metrics.Count > 0 || r.CongestionControl is not null)
        {
            var metrics = b.BeginNested(RTA_METRICS);
            uint locks = 0;
            foreach (var m in r.Metrics)
            {
                if (m.Locked)
                {
                    locks |= 1u << m.Type;
                }
            }

            if (r.CongestionControlLocked)
            {
                locks |= 1u << RTAX_CC_ALGO;
            }

            if (locks != 0)
            {
                b.PutU32(RTAX_LOCK, locks);
            }

            foreach (var m in r.Metrics)
            {
                b.PutU32(m.Type, m.Value);
            }

            if (r.CongestionControl is not null)
            {
                b.PutString(RTAX_CC_ALGO, r.CongestionControl);
            }

            b.EndNested(metrics);
        }

        if (r.NextHops.Count > 0)
        {
            var mp = b.BeginAttribute(RTA_MULTIPATH);
            foreach (var nh in r.NextHops)
            {
                var start = b.Position;
                var rtnh = b.Reserve(RtNextHopLength);
                rtnh[2] = nh.OnLink ? RTNH_F_ONLINK : (byte)0;
                rtnh[3] = (byte)(nh.Weight - 1);
                BinaryPrimitives.WriteInt32LittleEndian(rtnh[4..], nh.InterfaceIndex);
                if (nh.Gateway is not null)
                {
                    PutGateway(b, r.Family, nh.Gateway);
                }

                b.PatchU16(start, (ushort)(b.Position - start));
            }

            b.EndNested(mp);
        }

        return b.ToArray();
    }

    /// <summary>ip-route(8): "scope host for local routes, link for direct unicast and broadcast routes, global for gatewayed unicast".</summary>
    private static RouteScope DefaultScope(ushort type, RouteEntry r)
    {
        if (type == RTM_DELROUTE)
        {
            return RouteScope.Nowhere;
        }

        return r.Type switch
        {
            RouteType.Local or RouteType.Nat => RouteScope.Host,
            RouteType.Broadcast or RouteType.Multicast or RouteType.Anycast => RouteScope.Link,
            RouteType.Unicast or RouteType.Unspecified when r.Gateway is null && r.NextHops.Count == 0 => RouteScope.Link,
            _ => RouteScope.Universe,
        };
    }

    /// <summary>RTA_GATEWAY for a same-family gateway; RTA_VIA (struct rtvia { family; addr }) otherwise.</summary>
    private static void PutGateway(NetlinkMessageBuilder b, AddressFamily routeFamily, IPAddress gateway)
    {
        if (gateway.AddressFamily == routeFamily)
        {
            b.PutAddress(RTA_GATEWAY, gateway);
            return;
        }

        Span<byte> via = stackalloc byte[18];
        BinaryPrimitives.WriteUInt16LittleEndian(via, RtnlFamily.ToKernel(gateway.AddressFamily));
        gateway.TryWriteBytes(via[2..], out var n);
        b.PutAttribute(RTA_VIA, via[..(2 + n)]);
    }

    public static bool TryParse(NetlinkMessage msg, out RouteEntry route)
    {
        route = null!;
        var p = msg.Payload;
        if (msg.Type is not (RTM_NEWROUTE or RTM_DELROUTE) || p.Length < RtMsgLength)
        {
            return false;
        }

        var family = RtnlFamily.FromKernel(p[0]);
        if (family == AddressFamily.Unspecified)
        {
            return false;
        }

        var r = new RouteEntry(family)
        {
            DestinationPrefixLength = p[1],
            SourcePrefixLength = p[2],
            Tos = p[3],
            Table = p[4],
            Protocol = p[5],
            Scope = (RouteScope)p[6],
            Type = (RouteType)p[7],
            OnLink = (BinaryPrimitives.ReadUInt32LittleEndian(p[8..]) & RTNH_F_ONLINK) != 0,
        };
        foreach (var a in msg.Attributes(RtMsgLength))
        {
            switch (a.Type)
            {
                case RTA_TABLE:
                    r = r with { Table = a.U32 };
                    break;
                case RTA_DST:
                    r = r with { Destination = a.Address };
                    break;
                case RTA_SRC:
                    r = r with { Source = a.Address };
                    break;
                case RTA_PREFSRC:
                    r = r with { PreferredSource = a.Address };
                    break;
                case RTA_GATEWAY:
                    r = r with { Gateway = a.Address };
                    break;
                case RTA_VIA:
                    r = r with { Gateway = ParseVia(a.Value) };
                    break;
                case RTA_OIF:
                    r = r with { OutputInterface = (int)a.U32 };
                    break;
                case RTA_PRIORITY:
                    r = r with { Metric = a.U32 };
                    break;
                case RTA_FLOW:
                    r = r with { Realms = a.U32 };
                    break;
                case RTA_PREF:
                    r = r with { Ipv6Preference = a.U8 };
                    break;
                case RTA_EXPIRES:
                    r = r with { Expires = a.U32 };
                    break;
                case RTA_METRICS:
                    r = ParseMetrics(r, a.Nested);
                    break;
                case RTA_MULTIPATH:
                    r = r with { NextHops = ParseNextHops(a.Value) };
                    break;
            }
        }

        route = r;
        return true;
    }

    private static RouteEntry ParseMetrics(RouteEntry r, NetlinkAttributes attrs)
    {
        uint locks = 0;
        if (attrs.TryGet(RTAX_LOCK, out var l))
        {
            locks = l.U32;
        }

        var list = new List<RouteMetric>();
        string? cc = null;
        foreach (var m in attrs)
        {
            if (m.Type == RTAX_LOCK)
            {
                continue;
            }

            if (m.Type == RTAX_CC_ALGO)
            {
                cc = Encoding.ASCII.GetString(m.Value).TrimEnd('\0');
                continue;
            }

            list.Add(new RouteMetric(m.Type, m.U32, m.Type < 32 && (locks & (1u << m.Type)) != 0));
        }

        return r with { Metrics = list, CongestionControl = cc, CongestionControlLocked = (locks & (1u << RTAX_CC_ALGO)) != 0 };
    }

    private static List<RouteNextHop> ParseNextHops(ReadOnlySpan<byte> value)
    {
        var hops = new List<RouteNextHop>();
        while (value.Length >= RtNextHopLength)
        {
            int len = BinaryPrimitives.ReadUInt16LittleEndian(value);
            if (len < RtNextHopLength || len > value.Length)
            {
                break;
            }

            var flags = value[2];
            var weight = value[3] + 1;
            var index = BinaryPrimitives.ReadInt32LittleEndian(value[4..]);
            IPAddress? gw = null;
            foreach (var a in new NetlinkAttributes(value[RtNextHopLength..len]))
            {
                if (a.Type == RTA_GATEWAY)
                {
                    gw = a.Address;
                }
                else if (a.Type == RTA_VIA)
                {
                    gw = ParseVia(a.Value);
                }
            }

            hops.Add(new RouteNextHop(gw, index, weight, (flags & RTNH_F_ONLINK) != 0));
            var next = Netlink.Netlink.Align(len);
            value = next >= value.Length ? default : value[next..];
        }

        return hops;
    }

    private static IPAddress? ParseVia(ReadOnlySpan<byte> v) =>
        v.Length is 6 or 18 ? new IPAddress(v[2..]) : null;

    private static void Validate(RouteEntry r)
    {
        if (r.Family is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6))
        {
            throw new ArgumentException("a route is IPv4 or IPv6", nameof(r));
        }

        RtnlFamily.CheckPrefix(r.Family, r.DestinationPrefixLength, nameof(r.DestinationPrefixLength));
        RtnlFamily.CheckPrefix(r.Family, r.SourcePrefixLength, nameof(r.SourcePrefixLength));
        RtnlFamily.CheckFamily(r.Destination, r.Family, nameof(r.Destination));
        RtnlFamily.CheckFamily(r.Source, r.Family, nameof(r.Source));
        RtnlFamily.CheckFamily(r.PreferredSource, r.Family, nameof(r.PreferredSource));
        foreach (var nh in r.NextHops)
        {
            if (nh.Weight is < 1 or > 256)
            {
                throw new ArgumentOutOfRangeException(nameof(r), nh.Weight, "nexthop weight must be 1..256");
            }
        }

        foreach (var m in r.Metrics)
        {
            if (m.Type is 0 or RTAX_LOCK or RTAX_CC_ALGO or > 31)
            {
                throw new ArgumentOutOfRangeException(nameof(r), m.Type, "not a numeric RTAX metric");
            }
        }
    }
}
