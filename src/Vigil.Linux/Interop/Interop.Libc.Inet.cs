using System.Runtime.InteropServices;

namespace Vigil.Linux.Interop;

/// <summary>IPv4/IPv6 socket options and structs (linux/in.h, linux/in6.h, linux/ipv6.h, linux/if_packet.h).</summary>
internal static unsafe partial class Libc
{
    // <linux/in.h> protocols
    public const int IPPROTO_IP = 0;
    public const int IPPROTO_IPV6 = 41;
    public const int IPPROTO_ICMPV6 = 58;
    public const int IPPROTO_VRRP = 112;

    // <linux/in.h> SOL_IP options
    public const int IP_TOS = 1;
    public const int IP_TTL = 2;
    public const int IP_HDRINCL = 3;
    public const int IP_PKTINFO = 8;
    public const int IP_FREEBIND = 15;
    public const int IP_MULTICAST_IF = 32;
    public const int IP_MULTICAST_TTL = 33;
    public const int IP_MULTICAST_LOOP = 34;
    public const int IP_ADD_MEMBERSHIP = 35;
    public const int IP_MULTICAST_ALL = 49;

    // <linux/in6.h> SOL_IPV6 options
    public const int IPV6_CHECKSUM = 7;
    public const int IPV6_UNICAST_HOPS = 16;
    public const int IPV6_MULTICAST_IF = 17;
    public const int IPV6_MULTICAST_HOPS = 18;
    public const int IPV6_MULTICAST_LOOP = 19;
    public const int IPV6_ADD_MEMBERSHIP = 20;
    public const int IPV6_V6ONLY = 26;
    public const int IPV6_MULTICAST_ALL = 29;
    public const int IPV6_RECVPKTINFO = 49;
    public const int IPV6_PKTINFO = 50;
    public const int IPV6_RECVHOPLIMIT = 51;
    public const int IPV6_HOPLIMIT = 52;
    public const int IPV6_TCLASS = 67;
    public const int IPV6_FREEBIND = 78;

    // <bits/socket.h> message flags
    public const int MSG_PEEK = 0x02;
    public const int MSG_DONTROUTE = 0x04;
    public const int MSG_TRUNC = 0x20;
    public const int MSG_DONTWAIT = 0x40;
    public const int MSG_CTRUNC = 0x08;

    // <linux/if_ether.h>
    public const ushort ETH_P_IP = 0x0800;
    public const ushort ETH_P_ARP = 0x0806;
    public const ushort ETH_P_IPV6 = 0x86DD;

    /// <summary>sizeof(struct cmsghdr) on x86-64 / aarch64 (CMSG_LEN(0)).</summary>
    public static readonly int CmsgHeaderLength = sizeof(CmsgHdr);

    /// <summary>CMSG_ALIGN: control messages are aligned to sizeof(size_t).</summary>
    public static int CmsgAlign(int length) => (length + sizeof(nuint) - 1) & ~(sizeof(nuint) - 1);

    /// <summary>CMSG_SPACE(len).</summary>
    public static int CmsgSpace(int dataLength) => CmsgAlign(CmsgHeaderLength) + CmsgAlign(dataLength);

    [LibraryImport(Lib, EntryPoint = "sendto", SetLastError = true)]
    public static partial nint SendTo(int fd, void* buf, nuint len, int flags, void* addr, int addrlen);

    /// <summary>struct in_pktinfo { int ipi_ifindex; struct in_addr ipi_spec_dst; struct in_addr ipi_addr; }.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct InPktInfo
    {
        public int ipi_ifindex;
        public uint ipi_spec_dst;
        public uint ipi_addr;
    }

    /// <summary>struct in6_pktinfo { struct in6_addr ipi6_addr; int ipi6_ifindex; }.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct In6PktInfo
    {
        public fixed byte ipi6_addr[16];
        public int ipi6_ifindex;
    }

    /// <summary>struct ip_mreqn { struct in_addr imr_multiaddr; struct in_addr imr_address; int imr_ifindex; }.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct IpMreqn
    {
        public uint imr_multiaddr;
        public uint imr_address;
        public int imr_ifindex;
    }

    /// <summary>struct ipv6_mreq { struct in6_addr ipv6mr_multiaddr; int ipv6mr_interface; }.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Ipv6Mreq
    {
        public fixed byte ipv6mr_multiaddr[16];
        public int ipv6mr_interface;
    }
}
