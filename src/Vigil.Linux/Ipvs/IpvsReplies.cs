using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Vigil.Lb;
using Vigil.Linux.Netlink;
using static Vigil.Linux.Ipvs.IpvsNetlink;

namespace Vigil.Linux.Ipvs;

/// <summary>
/// Parses IPVS replies back into the model. Replies come from the kernel, but a short or unexpected
/// attribute never throws: a message that lacks what identifies a service or destination yields null
/// and the caller counts it (<see cref="IpvsClient.MalformedReplies"/>).
/// </summary>
internal static class IpvsReplies
{
    public static IpvsInfo? Info(ReadOnlySpan<byte> message)
    {
        var msg = new NetlinkMessage(message);
        uint version = 0, size = 0;
        var any = false;
        foreach (var a in msg.Attributes(GenericNetlink.HeaderLength))
        {
            if (a.Type == INFO_ATTR_VERSION)
            {
                version = a.U32;
                any = true;
            }
            else if (a.Type == INFO_ATTR_CONN_TAB_SIZE)
            {
                size = a.U32;
            }
        }

        return any ? new IpvsInfo(version, size) : null;
    }

    /// <summary>A service from a GET_SERVICE reply (destinations empty; they come from GET_DEST).</summary>
    public static VirtualService? Service(ReadOnlySpan<byte> message, out DestinationCounters? stats)
    {
        stats = null;
        var msg = new NetlinkMessage(message);
        return msg.Attributes(GenericNetlink.HeaderLength).TryGet(CMD_ATTR_SERVICE, out var nest) ? Service(nest.Nested, out stats) : null;
    }

    public static VirtualService? Service(NetlinkAttributes attributes, out DestinationCounters? stats)
    {
        stats = null;
        ushort af = 0, protocol = 0, port = 0;
        uint fwmark = 0, timeout = 0, flags = 0;
        uint? netmask = null;
        byte[]? addr = null;
        string? scheduler = null, pe = null;
        foreach (var a in attributes)
        {
            switch (a.Type)
            {
                case SVC_ATTR_AF: af = a.U16; break;
                case SVC_ATTR_PROTOCOL: protocol = a.U16; break;
                case SVC_ATTR_ADDR: addr = a.Value.ToArray(); break;
                case SVC_ATTR_PORT: port = a.U16BigEndian; break;
                case SVC_ATTR_FWMARK: fwmark = a.U32; break;
                case SVC_ATTR_SCHED_NAME: scheduler = a.String; break;
                case SVC_ATTR_PE_NAME: pe = a.String; break;
                case SVC_ATTR_FLAGS: flags = a.U32; break;
                case SVC_ATTR_TIMEOUT: timeout = a.U32; break;
                case SVC_ATTR_NETMASK: netmask = a.U32; break;
                case SVC_ATTR_STATS64: stats = Stats(a.Nested, stats); break;
                case SVC_ATTR_STATS: stats ??= Stats(a.Nested, null); break;
            }
        }

        var family = Family(af);
        if (family is null)
        {
            return null;
        }

        VirtualServiceKey key;
        if (fwmark != 0)
        {
            key = VirtualServiceKey.ForFwMark(fwmark, family.Value);
        }
        else
        {
            var address = Address(addr, family.Value);
            if (address is null || protocol == 0)
            {
                return null;
            }

            key = VirtualServiceKey.ForAddress((LbProtocol)protocol, address, port);
        }

        var schedFlags = SchedulerFlags.None;
        if ((flags & SVC_F_SCHED1) != 0)
        {
            schedFlags |= SchedulerFlags.Flag1;
        }

        if ((flags & SVC_F_SCHED2) != 0)
        {
            schedFlags |= SchedulerFlags.Flag2;
        }

        if ((flags & SVC_F_SCHED3) != 0)
        {
            schedFlags |= SchedulerFlags.Flag3;
        }

        var persistent = (flags & SVC_F_PERSISTENT) != 0;
        return new VirtualService(
            key,
            scheduler ?? "none",
            schedFlags,
            (flags & SVC_F_ONEPACKET) != 0,
            persistent ? timeout : 0,
            Granularity(netmask, family.Value),
            string.IsNullOrEmpty(pe) ? null : pe,
            []).Normalized();
    }

    /// <summary>A destination from a GET_DEST reply, with its connection counters.</summary>
    public static RealServer? Destination(ReadOnlySpan<byte> message, AddressFamily serviceFamily, out DestinationCounters counters)
    {
        counters = DestinationCounters.Zero;
        var msg = new NetlinkMessage(message);
        if (!msg.Attributes(GenericNetlink.HeaderLength).TryGet(CMD_ATTR_DEST, out var nest))
        {
            return null;
        }

        byte[]? addr = null;
        ushort port = 0, af = 0, tunPort = 0, tunFlags = 0;
        uint fwd = 0, weight = 0, upper = 0, lower = 0, active = 0, inactive = 0, persist = 0;
        byte tunType = 0;
        var hasPort = false;
        DestinationCounters? stats = null;
        foreach (var a in nest.Nested)
        {
            switch (a.Type)
            {
                case DEST_ATTR_ADDR: addr = a.Value.ToArray(); break;
                case DEST_ATTR_PORT: port = a.U16BigEndian; hasPort = true; break;
                case DEST_ATTR_FWD_METHOD: fwd = a.U32; break;
                case DEST_ATTR_WEIGHT: weight = a.U32; break;
                case DEST_ATTR_U_THRESH: upper = a.U32; break;
                case DEST_ATTR_L_THRESH: lower = a.U32; break;
                case DEST_ATTR_ACTIVE_CONNS: active = a.U32; break;
                case DEST_ATTR_INACT_CONNS: inactive = a.U32; break;
                case DEST_ATTR_PERSIST_CONNS: persist = a.U32; break;
                case DEST_ATTR_ADDR_FAMILY: af = a.U16; break;
                case DEST_ATTR_TUN_TYPE: tunType = a.U8; break;
                case DEST_ATTR_TUN_PORT: tunPort = a.U16BigEndian; break;
                case DEST_ATTR_TUN_FLAGS: tunFlags = a.U16; break;
                case DEST_ATTR_STATS64: stats = Stats(a.Nested, stats); break;
                case DEST_ATTR_STATS: stats ??= Stats(a.Nested, null); break;
            }
        }

        var family = af == 0 ? serviceFamily : Family(af);
        var address = family is null ? null : Address(addr, family.Value);
        if (address is null || !hasPort)
        {
            return null;
        }

        var method = (fwd & CONN_F_FWD_MASK) switch
        {
            CONN_F_MASQ => LvsMethod.Nat,
            CONN_F_DROUTE => LvsMethod.Dr,
            CONN_F_TUNNEL => LvsMethod.Tun,
            CONN_F_LOCALNODE => LvsMethod.Local,
            _ => (LvsMethod?)null,
        };
        if (method is null)
        {
            return null; // IP_VS_CONN_F_BYPASS or unknown: not something we program
        }

        var s = stats ?? DestinationCounters.Zero;
        counters = s with { ActiveConnections = active, InactiveConnections = inactive, PersistentConnections = persist };
        return new RealServer(
            address,
            port,
            (int)Math.Min(weight, int.MaxValue),
            method.Value,
            tunType <= (byte)TunnelType.Gre ? (TunnelType)tunType : TunnelType.Ipip,
            tunPort,
            tunFlags <= (ushort)TunnelChecksum.RemCsum ? (TunnelChecksum)tunFlags : TunnelChecksum.NoCsum,
            upper,
            lower).Normalized();
    }

    /// <summary>A sync daemon from a GET_DAEMON reply.</summary>
    public static SyncDaemon? Daemon(ReadOnlySpan<byte> message)
    {
        var msg = new NetlinkMessage(message);
        if (!msg.Attributes(GenericNetlink.HeaderLength).TryGet(CMD_ATTR_DAEMON, out var nest))
        {
            return null;
        }

        uint state = 0, syncId = 0;
        string? ifn = null;
        ushort? maxLen = null, port = null;
        byte? ttl = null;
        IPAddress? group = null;
        foreach (var a in nest.Nested)
        {
            switch (a.Type)
            {
                case DAEMON_ATTR_STATE: state = a.U32; break;
                case DAEMON_ATTR_MCAST_IFN: ifn = a.String; break;
                case DAEMON_ATTR_SYNC_ID: syncId = a.U32; break;
                case DAEMON_ATTR_SYNC_MAXLEN: maxLen = a.U16; break;
                case DAEMON_ATTR_MCAST_PORT: port = a.U16; break; // host order, see IpvsMessages.NewDaemon
                case DAEMON_ATTR_MCAST_TTL: ttl = a.U8; break;
                case DAEMON_ATTR_MCAST_GROUP: group = a.Value.Length == 4 ? new IPAddress(a.Value) : group; break;
                case DAEMON_ATTR_MCAST_GROUP6: group = a.Value.Length == 16 ? new IPAddress(a.Value) : group; break;
            }
        }

        if (state is not (1 or 2) || ifn is null)
        {
            return null;
        }

        return new SyncDaemon((SyncDaemonState)state, ifn, syncId, maxLen, port, ttl, group);
    }

    /// <summary>A GET_CONFIG reply.</summary>
    public static LvsTimeouts Config(ReadOnlySpan<byte> message)
    {
        var msg = new NetlinkMessage(message);
        uint? tcp = null, fin = null, udp = null;
        foreach (var a in msg.Attributes(GenericNetlink.HeaderLength))
        {
            switch (a.Type)
            {
                case CMD_ATTR_TIMEOUT_TCP: tcp = a.U32; break;
                case CMD_ATTR_TIMEOUT_TCP_FIN: fin = a.U32; break;
                case CMD_ATTR_TIMEOUT_UDP: udp = a.U32; break;
            }
        }

        return new LvsTimeouts(tcp, fin, udp);
    }

    /// <summary>IPVS_SVC_ATTR_NETMASK back to a prefix length (null = one address); see <see cref="IpvsMessages.NetmaskAttribute"/>.</summary>
    public static int? Granularity(uint? netmask, AddressFamily family)
    {
        if (netmask is not uint raw)
        {
            return null;
        }

        if (family == AddressFamily.InterNetworkV6)
        {
            return raw is >= 1 and < 128 ? (int)raw : null;
        }

        var mask = BinaryPrimitives.ReverseEndianness(raw);
        var prefix = System.Numerics.BitOperations.LeadingZeroCount(~mask);
        return prefix == 32 ? null : prefix;
    }

    private static DestinationCounters Stats(NetlinkAttributes attributes, DestinationCounters? previous)
    {
        ulong conns = 0, inPkts = 0, outPkts = 0, inBytes = 0, outBytes = 0;
        foreach (var a in attributes)
        {
            var v = a.Value.Length >= 8 ? a.U64 : a.U32; // STATS mixes u32 and u64; STATS64 is all u64
            switch (a.Type)
            {
                case STATS_ATTR_CONNS: conns = v; break;
                case STATS_ATTR_INPKTS: inPkts = v; break;
                case STATS_ATTR_OUTPKTS: outPkts = v; break;
                case STATS_ATTR_INBYTES: inBytes = v; break;
                case STATS_ATTR_OUTBYTES: outBytes = v; break;
            }
        }

        return (previous ?? DestinationCounters.Zero) with { Connections = conns, InPackets = inPkts, OutPackets = outPkts, InBytes = inBytes, OutBytes = outBytes };
    }

    private static AddressFamily? Family(ushort af) => af switch
    {
        AF_INET => AddressFamily.InterNetwork,
        AF_INET6 => AddressFamily.InterNetworkV6,
        _ => null,
    };

    private static IPAddress? Address(byte[]? field, AddressFamily family)
    {
        if (field is null)
        {
            return null;
        }

        var length = family == AddressFamily.InterNetwork ? 4 : 16;
        return field.Length >= length ? new IPAddress(field.AsSpan(0, length)) : null;
    }
}
