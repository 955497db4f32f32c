using System.Net.NetworkInformation;

namespace Vigil.Linux.Rtnl;

/// <summary>
/// One network interface as RTM_NEWLINK describes it. <see cref="Flags"/> are the IFF_* bits of ifi_flags;
/// <see cref="LinkIndex"/> is IFLA_LINK (the parent of a macvlan/vlan), <see cref="MasterIndex"/> IFLA_MASTER,
/// <see cref="Kind"/> IFLA_INFO_KIND ("macvlan", "veth", "bridge"… or null for a plain device).
/// </summary>
public sealed record LinkEntry(int Index, string Name, uint Flags)
{
    public int Mtu { get; init; }

    /// <summary>IFLA_ADDRESS, the link-layer address (null for links that have none).</summary>
    public PhysicalAddress? Address { get; init; }

    /// <summary>ifi_type (ARPHRD_*): 1 Ethernet, 772 loopback, 32 Infiniband.</summary>
    public ushort HardwareType { get; init; }

    public int LinkIndex { get; init; }

    public int MasterIndex { get; init; }

    public string? Kind { get; init; }

    /// <summary>IFLA_MACVLAN_MODE for a macvlan (1 private, 2 vepa, 4 bridge, 8 passthru).</summary>
    public uint? MacvlanMode { get; init; }

    /// <summary>IFLA_OPERSTATE (RFC 2863: 2 down, 5 dormant, 6 up, 0 unknown).</summary>
    public byte OperState { get; init; }

    public bool IsUp => (Flags & RtnlConstants.IFF_UP) != 0;

    public bool IsRunning => (Flags & RtnlConstants.IFF_RUNNING) != 0;

    /// <summary>Up and running: what keepalived's interface tracking treats as "up" (reference §3.11).</summary>
    public bool IsUpAndRunning => IsUp && IsRunning;

    /// <summary>NOARP interfaces get no gratuitous ARP (reference §3.8).</summary>
    public bool IsNoArp => (Flags & RtnlConstants.IFF_NOARP) != 0;

    public bool IsLoopback => (Flags & RtnlConstants.IFF_LOOPBACK) != 0;
}
