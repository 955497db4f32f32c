namespace Vigil.Linux.Rtnl;

/// <summary>
/// rtnetlink numbers, named as in the kernel headers: linux/rtnetlink.h (RTM_*, RTA_*, RTAX_*, RTNH_*,
/// RTMGRP_*), linux/if_link.h (IFLA_*), linux/if_addr.h (IFA_*), linux/fib_rules.h (FRA_*, FR_ACT_*),
/// linux/if.h (IFF_*).
/// </summary>
internal static class RtnlConstants
{
    // linux/rtnetlink.h message types
    public const ushort RTM_NEWLINK = 16;
    public const ushort RTM_DELLINK = 17;
    public const ushort RTM_GETLINK = 18;
    public const ushort RTM_NEWADDR = 20;
    public const ushort RTM_DELADDR = 21;
    public const ushort RTM_GETADDR = 22;
    public const ushort RTM_NEWROUTE = 24;
    public const ushort RTM_DELROUTE = 25;
    public const ushort RTM_GETROUTE = 26;
    public const ushort RTM_NEWRULE = 32;
    public const ushort RTM_DELRULE = 33;
    public const ushort RTM_GETRULE = 34;

    // legacy multicast group bits for sockaddr_nl.nl_groups
    public const uint RTMGRP_LINK = 0x1;
    public const uint RTMGRP_IPV4_IFADDR = 0x10;
    public const uint RTMGRP_IPV4_ROUTE = 0x40;
    public const uint RTMGRP_IPV4_RULE = 0x80;
    public const uint RTMGRP_IPV6_IFADDR = 0x100;
    public const uint RTMGRP_IPV6_ROUTE = 0x400;

    // enum rtnetlink_groups (for NETLINK_ADD_MEMBERSHIP; groups above 31 have no bit)
    public const uint RTNLGRP_IPV6_RULE = 19;

    // struct ifinfomsg is 16 bytes, struct ifaddrmsg 8, struct rtmsg 12, struct fib_rule_hdr 12
    public const int IfInfoMsgLength = 16;
    public const int IfAddrMsgLength = 8;
    public const int RtMsgLength = 12;
    public const int FibRuleHdrLength = 12;

    // linux/if_link.h
    public const ushort IFLA_ADDRESS = 1;
    public const ushort IFLA_BROADCAST = 2;
    public const ushort IFLA_IFNAME = 3;
    public const ushort IFLA_MTU = 4;
    public const ushort IFLA_LINK = 5;
    public const ushort IFLA_MASTER = 10;
    public const ushort IFLA_OPERSTATE = 16;
    public const ushort IFLA_LINKINFO = 18;
    public const ushort IFLA_EXT_MASK = 29;
    public const ushort IFLA_AF_SPEC = 26;
    public const ushort IFLA_INFO_KIND = 1;
    public const ushort IFLA_INFO_DATA = 2;
    public const ushort IFLA_INFO_SLAVE_KIND = 4;
    public const ushort IFLA_MACVLAN_MODE = 1;
    public const ushort IFLA_INET6_ADDR_GEN_MODE = 8;
    public const uint RTEXT_FILTER_SKIP_STATS = 1 << 3;

    // enum macvlan_mode
    public const uint MACVLAN_MODE_PRIVATE = 1;
    public const uint MACVLAN_MODE_VEPA = 2;
    public const uint MACVLAN_MODE_BRIDGE = 4;
    public const uint MACVLAN_MODE_PASSTHRU = 8;

    // linux/if.h
    public const uint IFF_UP = 0x1;
    public const uint IFF_BROADCAST = 0x2;
    public const uint IFF_LOOPBACK = 0x8;
    public const uint IFF_POINTOPOINT = 0x10;
    public const uint IFF_RUNNING = 0x40;
    public const uint IFF_NOARP = 0x80;
    public const uint IFF_MULTICAST = 0x1000;
    public const uint IFF_LOWER_UP = 0x10000;

    // linux/if_addr.h
    public const ushort IFA_ADDRESS = 1;
    public const ushort IFA_LOCAL = 2;
    public const ushort IFA_LABEL = 3;
    public const ushort IFA_BROADCAST = 4;
    public const ushort IFA_CACHEINFO = 6;
    public const ushort IFA_FLAGS = 8;
    public const ushort IFA_RT_PRIORITY = 9;
    public const ushort IFA_PROTO = 11;
    public const uint IFA_F_SECONDARY = 0x01;
    public const uint IFA_F_NODAD = 0x02;
    public const uint IFA_F_HOMEADDRESS = 0x10;
    public const uint IFA_F_DEPRECATED = 0x20;
    public const uint IFA_F_TENTATIVE = 0x40;
    public const uint IFA_F_PERMANENT = 0x80;
    public const uint IFA_F_MANAGETEMPADDR = 0x100;
    public const uint IFA_F_NOPREFIXROUTE = 0x200;
    public const uint INFINITY_LIFE_TIME = 0xFFFFFFFF;

    // linux/rtnetlink.h route attributes
    public const ushort RTA_DST = 1;
    public const ushort RTA_SRC = 2;
    public const ushort RTA_IIF = 3;
    public const ushort RTA_OIF = 4;
    public const ushort RTA_GATEWAY = 5;
    public const ushort RTA_PRIORITY = 6;
    public const ushort RTA_PREFSRC = 7;
    public const ushort RTA_METRICS = 8;
    public const ushort RTA_MULTIPATH = 9;
    public const ushort RTA_FLOW = 11;
    public const ushort RTA_TABLE = 15;
    public const ushort RTA_VIA = 18;
    public const ushort RTA_PREF = 20;
    public const ushort RTA_EXPIRES = 23;

    // RTAX_* metrics inside RTA_METRICS
    public const ushort RTAX_LOCK = 1;
    public const ushort RTAX_MTU = 2;
    public const ushort RTAX_ADVMSS = 8;
    public const ushort RTAX_HOPLIMIT = 10;
    public const ushort RTAX_INITCWND = 11;
    public const ushort RTAX_CC_ALGO = 16;

    // struct rtnexthop { unsigned short rtnh_len; unsigned char rtnh_flags; unsigned char rtnh_hops; int rtnh_ifindex; }
    public const int RtNextHopLength = 8;
    public const byte RTNH_F_ONLINK = 4;

    public const byte RT_TABLE_UNSPEC = 0;
    public const byte RT_TABLE_MAIN = 254;

    /// <summary>RTPROT_KEEPALIVED: /etc/iproute2/rt_protos "18 keepalived"; keepalived tags its routes and rules with it.</summary>
    public const byte RTPROT_KEEPALIVED = 18;

    // linux/fib_rules.h
    public const ushort FRA_DST = 1;
    public const ushort FRA_SRC = 2;
    public const ushort FRA_IIFNAME = 3;
    public const ushort FRA_GOTO = 4;
    public const ushort FRA_PRIORITY = 6;
    public const ushort FRA_FWMARK = 10;
    public const ushort FRA_FLOW = 11;
    public const ushort FRA_TUN_ID = 12;
    public const ushort FRA_SUPPRESS_IFGROUP = 13;
    public const ushort FRA_SUPPRESS_PREFIXLEN = 14;
    public const ushort FRA_TABLE = 15;
    public const ushort FRA_FWMASK = 16;
    public const ushort FRA_OIFNAME = 17;
    public const ushort FRA_L3MDEV = 19;
    public const ushort FRA_UID_RANGE = 20;
    public const ushort FRA_PROTOCOL = 21;
    public const ushort FRA_IP_PROTO = 22;
    public const ushort FRA_SPORT_RANGE = 23;
    public const ushort FRA_DPORT_RANGE = 24;
    public const uint FIB_RULE_INVERT = 0x2;
}
