namespace Vigil.Linux.Ipvs;

/// <summary>Constants of the IPVS generic netlink interface, named and numbered as in linux/ip_vs.h.</summary>
internal static class IpvsNetlink
{
    public const string GENL_NAME = "IPVS";
    public const byte GENL_VERSION = 1;
    public const uint VERSION_CODE = 0x010201;

    // enum IPVS_CMD_*
    public const byte CMD_NEW_SERVICE = 1;
    public const byte CMD_SET_SERVICE = 2;
    public const byte CMD_DEL_SERVICE = 3;
    public const byte CMD_GET_SERVICE = 4;
    public const byte CMD_NEW_DEST = 5;
    public const byte CMD_SET_DEST = 6;
    public const byte CMD_DEL_DEST = 7;
    public const byte CMD_GET_DEST = 8;
    public const byte CMD_NEW_DAEMON = 9;
    public const byte CMD_DEL_DAEMON = 10;
    public const byte CMD_GET_DAEMON = 11;
    public const byte CMD_SET_CONFIG = 12;
    public const byte CMD_GET_CONFIG = 13;
    public const byte CMD_SET_INFO = 14;
    public const byte CMD_GET_INFO = 15;
    public const byte CMD_ZERO = 16;
    public const byte CMD_FLUSH = 17;

    // enum IPVS_CMD_ATTR_*
    public const ushort CMD_ATTR_SERVICE = 1;
    public const ushort CMD_ATTR_DEST = 2;
    public const ushort CMD_ATTR_DAEMON = 3;
    public const ushort CMD_ATTR_TIMEOUT_TCP = 4;
    public const ushort CMD_ATTR_TIMEOUT_TCP_FIN = 5;
    public const ushort CMD_ATTR_TIMEOUT_UDP = 6;

    // enum IPVS_SVC_ATTR_*
    public const ushort SVC_ATTR_AF = 1;
    public const ushort SVC_ATTR_PROTOCOL = 2;
    public const ushort SVC_ATTR_ADDR = 3;
    public const ushort SVC_ATTR_PORT = 4;
    public const ushort SVC_ATTR_FWMARK = 5;
    public const ushort SVC_ATTR_SCHED_NAME = 6;
    public const ushort SVC_ATTR_FLAGS = 7;
    public const ushort SVC_ATTR_TIMEOUT = 8;
    public const ushort SVC_ATTR_NETMASK = 9;
    public const ushort SVC_ATTR_STATS = 10;
    public const ushort SVC_ATTR_PE_NAME = 11;
    public const ushort SVC_ATTR_STATS64 = 12;

    // enum IPVS_DEST_ATTR_*
    public const ushort DEST_ATTR_ADDR = 1;
    public const ushort DEST_ATTR_PORT = 2;
    public const ushort DEST_ATTR_FWD_METHOD = 3;
    public const ushort DEST_ATTR_WEIGHT = 4;
    public const ushort DEST_ATTR_U_THRESH = 5;
    public const ushort DEST_ATTR_L_THRESH = 6;
    public const ushort DEST_ATTR_ACTIVE_CONNS = 7;
    public const ushort DEST_ATTR_INACT_CONNS = 8;
    public const ushort DEST_ATTR_PERSIST_CONNS = 9;
    public const ushort DEST_ATTR_STATS = 10;
    public const ushort DEST_ATTR_ADDR_FAMILY = 11;
    public const ushort DEST_ATTR_STATS64 = 12;
    public const ushort DEST_ATTR_TUN_TYPE = 13;
    public const ushort DEST_ATTR_TUN_PORT = 14;
    public const ushort DEST_ATTR_TUN_FLAGS = 15;

    // enum IPVS_DAEMON_ATTR_*
    public const ushort DAEMON_ATTR_STATE = 1;
    public const ushort DAEMON_ATTR_MCAST_IFN = 2;
    public const ushort DAEMON_ATTR_SYNC_ID = 3;
    public const ushort DAEMON_ATTR_SYNC_MAXLEN = 4;
    public const ushort DAEMON_ATTR_MCAST_GROUP = 5;
    public const ushort DAEMON_ATTR_MCAST_GROUP6 = 6;
    public const ushort DAEMON_ATTR_MCAST_PORT = 7;
    public const ushort DAEMON_ATTR_MCAST_TTL = 8;

    // enum IPVS_STATS_ATTR_*
    public const ushort STATS_ATTR_CONNS = 1;
    public const ushort STATS_ATTR_INPKTS = 2;
    public const ushort STATS_ATTR_OUTPKTS = 3;
    public const ushort STATS_ATTR_INBYTES = 4;
    public const ushort STATS_ATTR_OUTBYTES = 5;

    // enum IPVS_INFO_ATTR_*
    public const ushort INFO_ATTR_VERSION = 1;
    public const ushort INFO_ATTR_CONN_TAB_SIZE = 2;

    // IP_VS_SVC_F_*
    public const uint SVC_F_PERSISTENT = 0x0001;
    public const uint SVC_F_HASHED = 0x0002;
    public const uint SVC_F_ONEPACKET = 0x0004;
    public const uint SVC_F_SCHED1 = 0x0008;
    public const uint SVC_F_SCHED2 = 0x0010;
    public const uint SVC_F_SCHED3 = 0x0020;

    // IP_VS_CONN_F_* forwarding methods
    public const uint CONN_F_FWD_MASK = 0x0007;
    public const uint CONN_F_MASQ = 0x0000;
    public const uint CONN_F_LOCALNODE = 0x0001;
    public const uint CONN_F_TUNNEL = 0x0002;
    public const uint CONN_F_DROUTE = 0x0003;

    // <bits/socket.h>
    public const ushort AF_INET = 2;
    public const ushort AF_INET6 = 10;

    /// <summary>IP_VS_IFNAME_MAXLEN including the NUL.</summary>
    public const int IFNAME_MAXLEN = 16;
}
