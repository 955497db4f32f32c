using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Vigil.Lb;
using Vigil.Linux.Netlink;
using static Vigil.Linux.Ipvs.IpvsNetlink;

namespace Vigil.Linux.Ipvs;

/// <summary>
/// Builds every IPVS generic netlink request keepalived uses, byte for byte as linux/ip_vs.h lays them out:
/// nlmsghdr, genlmsghdr {cmd, version 1}, then attributes (service and destination nested with
/// NLA_F_NESTED; addresses in a 16-byte field even for IPv4; ports big-endian; the family id is dynamic).
/// The sequence number, port id and REQUEST/ACK flags are filled in by <see cref="NetlinkSocket"/>.
/// </summary>
internal static class IpvsMessages
{
    /// <summary>IPVS_CMD_GET_INFO: version and connection table size.</summary>
    public static byte[] GetInfo(ushort family) => GenericNetlink.Begin(family, CMD_GET_INFO, GENL_VERSION).ToArray();

    /// <summary>IPVS_CMD_GET_SERVICE as a dump (NLM_F_DUMP; without it the kernel wants one service's identity).</summary>
    public static byte[] DumpServices(ushort family) =>
        GenericNetlink.Begin(family, CMD_GET_SERVICE, GENL_VERSION, Netlink.Netlink.NLM_F_DUMP).ToArray();

    /// <summary>IPVS_CMD_GET_DEST dump of one service's destinations (the service identity is required).</summary>
    public static byte[] DumpDestinations(ushort family, VirtualServiceKey service)
    {
        var b = GenericNetlink.Begin(family, CMD_GET_DEST, GENL_VERSION, Netlink.Netlink.NLM_F_DUMP);
        PutServiceIdentity(b, service);
        return b.ToArray();
    }

    /// <summary>The message for one diff operation.</summary>
    public static byte[] For(ushort family, LbOperation operation) => operation switch
    {
        LbOperation.AddService a => Service(family, CMD_NEW_SERVICE, a.Service),
        LbOperation.EditService e => Service(family, CMD_SET_SERVICE, e.Service),
        LbOperation.DeleteService d => DeleteService(family, d.Key),
        LbOperation.AddDestination a => Destination(family, CMD_NEW_DEST, a.Service, a.Destination),
        LbOperation.EditDestination e => Destination(family, CMD_SET_DEST, e.Service, e.Destination),
        LbOperation.DeleteDestination d => DeleteDestination(family, d.Service, d.Destination),
        _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, "unknown operation"),
    };

    /// <summary>
    /// IPVS_CMD_NEW_SERVICE / SET_SERVICE. The kernel needs SCHED_NAME, FLAGS, TIMEOUT and NETMASK all
    /// present (EINVAL otherwise); FLAGS is struct ip_vs_flags {flags, mask} and the mask covers every bit,
    /// so an edit clears flags no longer wanted. No PE_NAME on an edit removes the persistence engine.
    /// </summary>
    public static byte[] Service(ushort family, byte command, VirtualService service)
    {
        var s = service.Normalized();
        var b = GenericNetlink.Begin(family, command, GENL_VERSION);
        var nest = b.BeginNested(CMD_ATTR_SERVICE);
        PutServiceIdentityAttributes(b, s.Key);
        b.PutString(SVC_ATTR_SCHED_NAME, s.Scheduler);
        if (s.PersistenceEngine is { Length: > 0 } pe)
        {
            b.PutString(SVC_ATTR_PE_NAME, pe);
        }

        Span<byte> flags = stackalloc byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(flags, ServiceFlags(s));
        BinaryPrimitives.WriteUInt32LittleEndian(flags[4..], uint.MaxValue);
        b.PutAttribute(SVC_ATTR_FLAGS, flags);
        b.PutU32(SVC_ATTR_TIMEOUT, s.PersistenceTimeout);
        Span<byte> netmask = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(netmask, NetmaskAttribute(s));
        b.PutAttribute(SVC_ATTR_NETMASK, netmask);
        b.EndNested(nest);
        return b.ToArray();
    }

    /// <summary>IPVS_CMD_DEL_SERVICE: the identity only.</summary>
    public static byte[] DeleteService(ushort family, VirtualServiceKey key)
    {
        var b = GenericNetlink.Begin(family, CMD_DEL_SERVICE, GENL_VERSION);
        PutServiceIdentity(b, key);
        return b.ToArray();
    }

    /// <summary>
    /// IPVS_CMD_NEW_DEST / SET_DEST: the service identity, then the destination with FWD_METHOD, WEIGHT,
    /// U_THRESH and L_THRESH (all required) and ADDR_FAMILY; TUN_TYPE/TUN_PORT/TUN_FLAGS only for TUN
    /// (the kernel defaults them to ipip/0/0).
    /// </summary>
    public static byte[] Destination(ushort family, byte command, VirtualServiceKey service, RealServer destination)
    {
        var d = destination.Normalized();
        var b = GenericNetlink.Begin(family, command, GENL_VERSION);
        PutServiceIdentity(b, service);
        var nest = b.BeginNested(CMD_ATTR_DEST);
        b.PutAddress16(DEST_ATTR_ADDR, d.Address);
        b.PutU16BigEndian(DEST_ATTR_PORT, d.Port);
        b.PutU16(DEST_ATTR_ADDR_FAMILY, FamilyNumber(d.Address.AddressFamily));
        b.PutU32(DEST_ATTR_FWD_METHOD, ForwardingMethod(d.Method));
        b.PutU32(DEST_ATTR_WEIGHT, unchecked((uint)d.Weight));
        b.PutU32(DEST_ATTR_U_THRESH, d.UpperThreshold);
        b.PutU32(DEST_ATTR_L_THRESH, d.LowerThreshold);
        if (d.Method == LvsMethod.Tun)
        {
            b.PutU8(DEST_ATTR_TUN_TYPE, (byte)d.TunnelType);
            b.PutU16BigEndian(DEST_ATTR_TUN_PORT, d.TunnelPort);
            b.PutU16(DEST_ATTR_TUN_FLAGS, (ushort)d.TunnelChecksum);
        }

        b.EndNested(nest);
        return b.ToArray();
    }

    /// <summary>IPVS_CMD_DEL_DEST: the service identity and the destination's ADDR, PORT and ADDR_FAMILY.</summary>
    public static byte[] DeleteDestination(ushort family, VirtualServiceKey service, DestinationKey destination)
    {
        var b = GenericNetlink.Begin(family, CMD_DEL_DEST, GENL_VERSION);
        PutServiceIdentity(b, service);
        var nest = b.BeginNested(CMD_ATTR_DEST);
        b.PutAddress16(DEST_ATTR_ADDR, destination.Address);
        b.PutU16BigEndian(DEST_ATTR_PORT, destination.Port);
        b.PutU16(DEST_ATTR_ADDR_FAMILY, FamilyNumber(destination.Address.AddressFamily));
        b.EndNested(nest);
        return b.ToArray();
    }

    /// <summary>
    /// IPVS_CMD_NEW_DAEMON: STATE, MCAST_IFN and SYNC_ID are required; SYNC_MAXLEN (u16), MCAST_GROUP
    /// (IPv4, network order) or MCAST_GROUP6, MCAST_PORT and MCAST_TTL (u8) are optional. Unlike every
    /// other port in IPVS, MCAST_PORT is a host-order u16 (observed on Linux 6.1: a big-endian 8850 came
    /// back from ipvsadm as 37410).
    /// </summary>
    public static byte[] NewDaemon(ushort family, SyncDaemon daemon)
    {
        var b = GenericNetlink.Begin(family, CMD_NEW_DAEMON, GENL_VERSION);
        var nest = b.BeginNested(CMD_ATTR_DAEMON);
        b.PutU32(DAEMON_ATTR_STATE, (uint)daemon.State);
        b.PutString(DAEMON_ATTR_MCAST_IFN, daemon.Interface);
        b.PutU32(DAEMON_ATTR_SYNC_ID, daemon.SyncId);
        if (daemon.MaxLength is ushort maxLen)
        {
            b.PutU16(DAEMON_ATTR_SYNC_MAXLEN, maxLen);
        }

        if (daemon.Group is IPAddress group)
        {
            b.PutAddress(group.AddressFamily == AddressFamily.InterNetworkV6 ? DAEMON_ATTR_MCAST_GROUP6 : DAEMON_ATTR_MCAST_GROUP, group);
        }

        if (daemon.Port is ushort port)
        {
            b.PutU16(DAEMON_ATTR_MCAST_PORT, port);
        }

        if (daemon.Ttl is byte ttl)
        {
            b.PutU8(DAEMON_ATTR_MCAST_TTL, ttl);
        }

        b.EndNested(nest);
        return b.ToArray();
    }

    /// <summary>IPVS_CMD_DEL_DAEMON: only STATE says which daemon stops.</summary>
    public static byte[] DeleteDaemon(ushort family, SyncDaemonState state)
    {
        var b = GenericNetlink.Begin(family, CMD_DEL_DAEMON, GENL_VERSION);
        var nest = b.BeginNested(CMD_ATTR_DAEMON);
        b.PutU32(DAEMON_ATTR_STATE, (uint)state);
        b.EndNested(nest);
        return b.ToArray();
    }

    /// <summary>IPVS_CMD_GET_DAEMON as a dump: one message per running daemon.</summary>
    public static byte[] DumpDaemons(ushort family) =>
        GenericNetlink.Begin(family, CMD_GET_DAEMON, GENL_VERSION, Netlink.Netlink.NLM_F_DUMP).ToArray();

    /// <summary>IPVS_CMD_SET_CONFIG: only the timeouts given are sent; the kernel keeps the others.</summary>
    public static byte[] SetConfig(ushort family, LvsTimeouts timeouts)
    {
        var b = GenericNetlink.Begin(family, CMD_SET_CONFIG, GENL_VERSION);
        if (timeouts.Tcp is uint tcp)
        {
            b.PutU32(CMD_ATTR_TIMEOUT_TCP, tcp);
        }

        if (timeouts.TcpFin is uint fin)
        {
            b.PutU32(CMD_ATTR_TIMEOUT_TCP_FIN, fin);
        }

        if (timeouts.Udp is uint udp)
        {
            b.PutU32(CMD_ATTR_TIMEOUT_UDP, udp);
        }

        return b.ToArray();
    }

    /// <summary>IPVS_CMD_GET_CONFIG: the three timeouts.</summary>
    public static byte[] GetConfig(ushort family) => GenericNetlink.Begin(family, CMD_GET_CONFIG, GENL_VERSION).ToArray();

    /// <summary>IPVS_CMD_FLUSH: every service and destination (keepalived <c>lvs_flush</c>).</summary>
    public static byte[] Flush(ushort family) => GenericNetlink.Begin(family, CMD_FLUSH, GENL_VERSION).ToArray();

    /// <summary>IPVS_CMD_ZERO: clears counters of every service (no service attribute).</summary>
    public static byte[] Zero(ushort family) => GenericNetlink.Begin(family, CMD_ZERO, GENL_VERSION).ToArray();

    public static uint ServiceFlags(VirtualService s)
    {
        var flags = 0u;
        if (s.IsPersistent)
        {
            flags |= SVC_F_PERSISTENT;
        }

        if (s.OnePacket)
        {
            flags |= SVC_F_ONEPACKET;
        }

        if ((s.SchedulerFlags & SchedulerFlags.Flag1) != 0)
        {
            flags |= SVC_F_SCHED1;
        }

        if ((s.SchedulerFlags & SchedulerFlags.Flag2) != 0)
        {
            flags |= SVC_F_SCHED2;
        }

        if ((s.SchedulerFlags & SchedulerFlags.Flag3) != 0)
        {
            flags |= SVC_F_SCHED3;
        }

        return flags;
    }

    /// <summary>
    /// The 4 bytes of IPVS_SVC_ATTR_NETMASK read as a little-endian u32: for IPv4 the mask in network
    /// order (255.255.255.0 is bytes ff ff ff 00), for IPv6 the prefix length as a host-order number (the
    /// kernel rejects 0 and anything above 128).
    /// </summary>
    public static uint NetmaskAttribute(VirtualService s)
    {
        if (s.Key.Family == AddressFamily.InterNetworkV6)
        {
            return (uint)(s.PersistenceGranularity ?? 128);
        }

        var prefix = s.PersistenceGranularity ?? 32;
        var mask = prefix == 0 ? 0u : uint.MaxValue << (32 - prefix);
        return BinaryPrimitives.ReverseEndianness(mask);
    }

    public static uint ForwardingMethod(LvsMethod method) => method switch
    {
        LvsMethod.Nat => CONN_F_MASQ,
        LvsMethod.Dr => CONN_F_DROUTE,
        LvsMethod.Tun => CONN_F_TUNNEL,
        LvsMethod.Local => CONN_F_LOCALNODE,
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, "unknown forwarding method"),
    };

    public static ushort FamilyNumber(AddressFamily family) => family == AddressFamily.InterNetworkV6 ? AF_INET6 : AF_INET;

    private static void PutServiceIdentity(NetlinkMessageBuilder b, VirtualServiceKey key)
    {
        var nest = b.BeginNested(CMD_ATTR_SERVICE);
        PutServiceIdentityAttributes(b, key);
        b.EndNested(nest);
    }

    /// <summary>AF, then FWMARK or PROTOCOL/ADDR/PORT: what ip_vs_genl_parse_service needs to find a service.</summary>
    private static void PutServiceIdentityAttributes(NetlinkMessageBuilder b, VirtualServiceKey key)
    {
        b.PutU16(SVC_ATTR_AF, FamilyNumber(key.Family));
        if (key.IsFwMark)
        {
            b.PutU32(SVC_ATTR_FWMARK, key.FwMark);
            return;
        }

        b.PutU16(SVC_ATTR_PROTOCOL, (ushort)key.Protocol);
        b.PutAddress16(SVC_ATTR_ADDR, key.Address!);
        b.PutU16BigEndian(SVC_ATTR_PORT, key.Port);
    }
}
