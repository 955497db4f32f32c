using System.Net;
using System.Net.Sockets;

namespace Vigil.Linux.Rtnl;

/// <summary>
/// An interface address: what RTM_NEWADDR/RTM_DELADDR carry and what a dump returns. <see cref="Address"/> is
/// IFA_LOCAL (the address itself); <see cref="Peer"/> is IFA_ADDRESS when it differs (ip-address(8) "peer").
/// Lifetimes are seconds (<see cref="InfiniteLifetime"/> = forever); null means "kernel default" when adding.
/// </summary>
public sealed record AddressEntry(int InterfaceIndex, IPAddress Address, int PrefixLength)
{
    public const uint InfiniteLifetime = 0xFFFFFFFF;

    public IPAddress? Peer { get; init; }

    /// <summary>IFA_BROADCAST (IPv4 only).</summary>
    public IPAddress? Broadcast { get; init; }

    /// <summary>IFA_LABEL (IPv4 only), e.g. "eth0:1"; the kernel requires it to start with the interface name.</summary>
    public string? Label { get; init; }

    public RouteScope Scope { get; init; } = RouteScope.Universe;

    public AddressFlags Flags { get; init; }

    public uint? PreferredLifetime { get; init; }

    public uint? ValidLifetime { get; init; }

    /// <summary>IFA_PROTO (kernel 6.1+; /etc/iproute2/rt_addrprotos). Null = not sent / not reported.</summary>
    public byte? Protocol { get; init; }

    public AddressFamily Family => Address.AddressFamily;

    /// <summary>
    /// A keepalived virtual address with its defaults (reference §3.10): an IPv6 VIP gets IFA_F_NODAD unless
    /// <paramref name="nodadOption"/> (keepalived's "-nodad" keyword, which re-enables DAD) is set, and an IPv6 /128
    /// is added deprecated (preferred_lft 0, valid forever) so it is never chosen as a source address, unless
    /// <paramref name="preferredForever"/> ("preferred_lft forever").
    /// </summary>
    public static AddressEntry ForVirtualAddress(int interfaceIndex, IPAddress address, int prefixLength, bool nodadOption = false, bool preferredForever = false)
    {
        var entry = new AddressEntry(interfaceIndex, address, prefixLength);
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            if (!nodadOption)
            {
                entry = entry with { Flags = AddressFlags.NoDad };
            }

            if (prefixLength == 128 && !preferredForever)
            {
                entry = entry with { PreferredLifetime = 0, ValidLifetime = InfiniteLifetime };
            }
        }

        return entry;
    }

    /// <summary>The directed broadcast of an IPv4 prefix (keepalived/iproute2 "brd +").</summary>
    public static IPAddress BroadcastOf(IPAddress address, int prefixLength)
    {
        if (address.AddressFamily != AddressFamily.InterNetwork || prefixLength is < 0 or > 32)
        {
            throw new ArgumentException("broadcast needs an IPv4 address and a prefix length 0..32", nameof(address));
        }

        Span<byte> b = stackalloc byte[4];
        address.TryWriteBytes(b, out _);
        var value = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(b);
        var host = prefixLength == 32 ? 0u : uint.MaxValue >> prefixLength;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(b, value | host);
        return new IPAddress(b);
    }
}
