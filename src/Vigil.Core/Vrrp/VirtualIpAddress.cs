using System.Net;

namespace Vigil.Vrrp;

/// <summary>
/// One entry of <c>virtual_ipaddress</c> / <c>virtual_ipaddress_excluded</c>:
/// <c>&lt;IPADDR&gt;[/&lt;MASK&gt;] [brd IP] [dev IF] [scope S] [label L] [peer IP] [no_track]</c>.
/// </summary>
/// <param name="Address">The address.</param>
/// <param name="PrefixLength">Mask; keepalived's default is /32 (/128).</param>
public sealed record VirtualIpAddress(IPAddress Address, int PrefixLength)
{
    /// <summary><c>dev</c>; null means the instance's <c>interface</c>.</summary>
    public string? Device { get; init; }

    /// <summary><c>label</c>, e.g. <c>eth0:1</c>.</summary>
    public string? Label { get; init; }

    /// <summary><c>scope</c> (site, link, host, nowhere, global).</summary>
    public string? Scope { get; init; }

    /// <summary><c>brd</c>.</summary>
    public IPAddress? Broadcast { get; init; }

    /// <summary><c>peer</c>.</summary>
    public IPAddress? Peer { get; init; }

    /// <summary><c>no_track</c>: deleting the address by hand does not take the instance out of MASTER.</summary>
    public bool NoTrack { get; init; }

    /// <summary><c>-nodad</c>: keep IPv6 duplicate address detection (keepalived sets IFA_F_NODAD otherwise).</summary>
    public bool EnableDad { get; init; }

    /// <summary><c>preferred_lft</c> in seconds (0xFFFFFFFF = forever); null = keepalived's default (0 for IPv6 VIPs, so
    /// they are not chosen as source addresses).</summary>
    public uint? PreferredLifetime { get; init; }

    /// <summary><c>track_group</c> of a static address (named in keepalived's restore line).</summary>
    public string? TrackGroup { get; init; }

    /// <summary>A host address (/32 or /128).</summary>
    public static VirtualIpAddress Host(IPAddress address) =>
        new(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? 128 : 32);

    /// <inheritdoc/>
    public override string ToString() => $"{Address}/{PrefixLength}";
}
