using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;

namespace Vigil.Config.Model;

/// <summary>
/// One address of <c>virtual_ipaddress</c>, <c>virtual_ipaddress_excluded</c> or <c>static_ipaddress</c>:
/// <c>ADDR[/PLEN] [brd ADDR|+|-] [dev IF] [scope S] [label L] [peer ADDR[/PLEN]] [home] [-nodad] [mngtmpaddr]
/// [noprefixroute] [autojoin] [preferred_lft N|forever] [use_vmac] [no_track] [track_group G]</c>.
/// </summary>
public sealed record IpAddressConfig
{
    public required IPAddress Address { get; init; }

    /// <summary>Default /32 (IPv4) or /128 (IPv6).</summary>
    public int PrefixLength { get; init; }

    public AddressFamily Family => Address.AddressFamily;

    public BroadcastMode BroadcastMode { get; init; }

    public IPAddress? Broadcast { get; init; }

    /// <summary>Interface; null = the instance's interface (VIPs) or <c>default_interface</c> (static).</summary>
    public string? Device { get; init; }

    public AddressScope? Scope { get; init; }

    public string? Label { get; init; }

    public IPAddress? Peer { get; init; }

    public int? PeerPrefixLength { get; init; }

    public bool Home { get; init; }

    /// <summary><c>-nodad</c>: keepalived sets IFA_F_NODAD on IPv6 VIPs by default; this option turns DAD back on.</summary>
    public bool EnableDad { get; init; }

    public bool ManageTemporaryAddress { get; init; }

    public bool NoPrefixRoute { get; init; }

    public bool AutoJoin { get; init; }

    /// <summary>Seconds; null = default (0 for an IPv6 /128, i.e. deprecated), <see cref="uint.MaxValue"/> = forever.</summary>
    public uint? PreferredLifetime { get; init; }

    public bool UseVmac { get; init; }

    public bool NoTrack { get; init; }

    public string? TrackGroup { get; init; }

    public SourceLocation Location { get; init; }

    public override string ToString() => $"{Address}/{PrefixLength}";
}
