using System.Collections.Immutable;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Vigil.Config.Model;

/// <summary>
/// <c>vrrp_instance NAME</c>, resolved: defaults applied (priority 100, or 255 with <c>state MASTER</c>; advert 1 s;
/// version from <c>vrrp_version</c>, 3 for IPv6), global <c>vrrp_*</c> defaults pushed in (GARP, strict mode,
/// lower_prio_no_advert, ...), track weights resolved, and keepalived's repairs done (e.g. <c>nopreempt</c> cleared
/// with <c>state MASTER</c>). Everything the VRRP engine needs.
/// </summary>
public sealed record VrrpInstanceConfig
{
    public required string Name { get; init; }

    public SourceLocation Location { get; init; }

    /// <summary>Address family of the VIPs (IPv4 unless the first VIP is IPv6, or <c>native_ipv6</c>).</summary>
    public AddressFamily Family { get; init; } = AddressFamily.InterNetwork;

    public VrrpInitialState InitialState { get; init; } = VrrpInitialState.Backup;

    /// <summary>The interface adverts are sent on; may be null for unicast-only instances.</summary>
    public string? Interface { get; init; }

    public string? Vrf { get; init; }

    public VmacConfig? UseVmac { get; init; }

    public bool UseVmacAddr { get; init; }

    public bool VmacXmitBase { get; init; }

    public IpvlanConfig? UseIpvlan { get; init; }

    public bool NativeIpv6 { get; init; }

    public bool DontTrackPrimary { get; init; }

    public ImmutableArray<TrackRef> TrackInterfaces { get; init; } = [];

    public ImmutableArray<TrackRef> TrackScripts { get; init; } = [];

    public ImmutableArray<TrackRef> TrackFiles { get; init; } = [];

    public ImmutableArray<TrackRef> TrackProcesses { get; init; } = [];

    public ImmutableArray<TrackRef> TrackBfds { get; init; } = [];

    /// <summary><c>mcast_src_ip</c>/<c>unicast_src_ip</c>: source of adverts (default: primary address of the interface).</summary>
    public IPAddress? SourceAddress { get; init; }

    /// <summary><c>mcast_dst_ip</c>, else <c>vrrp_mcast_group4/6</c>.</summary>
    public required IPAddress MulticastGroup { get; init; }

    public bool TrackSourceAddress { get; init; }

    /// <summary>2 or 3.</summary>
    public int Version { get; init; } = 2;

    public bool CheckUnicastSource { get; init; }

    /// <summary>Unicast peers; empty = multicast.</summary>
    public ImmutableArray<UnicastPeerConfig> UnicastPeers { get; init; } = [];

    public bool IsUnicast => !UnicastPeers.IsEmpty;

    public bool UnicastFaultNoPeer { get; init; }

    /// <summary>TTL / hop limit of unicast adverts (default 255).</summary>
    public int UnicastTtl { get; init; } = 255;

    public OldUnicastChecksumMode OldUnicastChecksum { get; init; }

    public bool V3ChecksumAsV2 { get; init; }

    public TimeSpan GarpMasterDelay { get; init; } = TimeSpan.FromSeconds(5);

    public int GarpMasterRepeat { get; init; } = 5;

    public TimeSpan GarpLowerPrioDelay { get; init; } = TimeSpan.FromSeconds(5);

    public int GarpLowerPrioRepeat { get; init; } = 5;

    public TimeSpan GarpMasterRefresh { get; init; }

    public int GarpMasterRefreshRepeat { get; init; } = 1;

    public GarpExtraIfConfig? GarpExtraIf { get; init; }

    /// <summary>Master_Down_Interval = this × Master_Adver_Interval + skew (RFC 5798 §6.1 uses 3).</summary>
    public int DownTimerAdverts { get; init; } = 3;

    /// <summary><c>timer_expired_backup [PRIO]</c>: null = off.</summary>
    public int? TimerExpiredBackupPriority { get; init; }

    public bool LowerPrioNoAdvert { get; init; }

    public bool HigherPrioSendAdvert { get; init; }

    public bool OwnerIgnoreAdverts { get; init; }

    /// <summary>VRID 1..255.</summary>
    public int VirtualRouterId { get; init; }

    /// <summary>Configured (base) priority 1..255; 255 = address owner.</summary>
    public int Priority { get; init; } = 100;

    public bool IsAddressOwner => Priority == 255;

    public TimeSpan AdvertInterval { get; init; } = TimeSpan.FromSeconds(1);

    public VrrpAuthenticationConfig? Authentication { get; init; }

    public AuthHmacConfig? AuthHmac { get; init; }

    public ImmutableArray<IpAddressConfig> VirtualIpAddresses { get; init; } = [];

    public ImmutableArray<IpAddressConfig> ExcludedVirtualIpAddresses { get; init; } = [];

    public bool NoVirtualIpAddress { get; init; }

    public bool PromoteSecondaries { get; init; }

    public ImmutableArray<RouteConfig> VirtualRoutes { get; init; } = [];

    public ImmutableArray<RuleConfig> VirtualRules { get; init; } = [];

    /// <summary>Accept mode (RFC 5798 §6.1): keepalived's default is accept unless strict mode, where it is accept only for the owner.</summary>
    public bool Accept { get; init; } = true;

    public bool NoPreempt { get; init; }

    public TimeSpan PreemptDelay { get; init; }

    public bool SkipCheckAdvAddr { get; init; }

    public bool StrictMode { get; init; }

    public int Debug { get; init; }

    public VrrpNotifyScripts Notify { get; init; } = new();

    public bool NotifyPriorityChanges { get; init; }

    public bool SmtpAlert { get; init; }

    public int? KernelRxBufSize { get; init; }

    public bool LinkbeatUsePolling { get; init; }

    /// <summary>Deprecated <c>lvs_sync_daemon_interface</c> (use global <c>lvs_sync_daemon</c>).</summary>
    public string? LvsSyncDaemonInterface { get; init; }

    /// <summary>The sync group this instance belongs to, if any.</summary>
    public string? SyncGroup { get; init; }

    internal VrrpExplicit Explicit { get; init; }

    /// <summary>Where <c>interface</c> (and <c>unicast_ttl</c>) were written, for diagnostics found after parsing.</summary>
    internal SourceLocation? InterfaceLocation { get; init; }

    internal SourceLocation? UnicastTtlLocation { get; init; }

    internal SourceLocation? SourceAddressLocation { get; init; }
}
