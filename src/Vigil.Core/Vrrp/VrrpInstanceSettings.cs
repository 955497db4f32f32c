using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;
using Vigil.Vrrp.Packet;

namespace Vigil.Vrrp;

/// <summary>
/// Everything the VRRP engine needs to know about one <c>vrrp_instance</c>, after global defaults have been applied.
/// Property names follow keepalived's keywords (given in each summary) so the configuration mapping is mechanical.
/// Defaults are keepalived 2.2.7's.
/// </summary>
public sealed record VrrpInstanceSettings
{
    /// <summary>Default <c>mcast_dst_ip</c> for IPv4 (RFC 5798 §5.1.1.2).</summary>
    public static readonly IPAddress MulticastGroupV4 = IPAddress.Parse("224.0.0.18");

    /// <summary>Default <c>mcast_dst_ip</c> for IPv6 (RFC 5798 §5.1.2.2).</summary>
    public static readonly IPAddress MulticastGroupV6 = IPAddress.Parse("ff02::12");

    /// <summary><c>vrrp_instance NAME</c>: the name in every log line, notify argument and FIFO line.</summary>
    public required string Name { get; init; }

    /// <summary><c>interface</c>: where adverts are sent and received.</summary>
    public required string Interface { get; init; }

    /// <summary><c>virtual_router_id</c> (1-255).</summary>
    public required byte VirtualRouterId { get; init; }

    /// <summary><c>priority</c> (1-255; 255 = address owner). keepalived's default is 100 (255 with <c>state MASTER</c>;
    /// the configuration mapping applies that).</summary>
    public byte Priority { get; init; } = 100;

    /// <summary><c>advert_int</c>: whole seconds for VRRPv2, 10 ms steps up to 40.95 s for VRRPv3.</summary>
    public TimeSpan AdvertInt { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary><c>version</c> / <c>vrrp_version</c>; IPv6 instances use 3.</summary>
    public VrrpVersion Version { get; init; } = VrrpVersion.V2;

    /// <summary><c>state</c>.</summary>
    public VrrpInitialState State { get; init; } = VrrpInitialState.Backup;

    /// <summary><c>nopreempt</c>: accept any advert in BACKUP, so a running lower-priority master is not displaced.</summary>
    public bool NoPreempt { get; init; }

    /// <summary><c>preempt_delay</c> (0-1000 s): after startup (or after first seeing a lower-priority master), accept
    /// lower-priority adverts this long before preempting.</summary>
    public TimeSpan PreemptDelay { get; init; }

    /// <summary><c>authentication { auth_type }</c> (VRRPv2 only). <see cref="VrrpAuthType.Ah"/> is not supported.</summary>
    public VrrpAuthType AuthType { get; init; } = VrrpAuthType.None;

    /// <summary><c>authentication { auth_pass }</c>: the first 8 bytes are used.</summary>
    public string? AuthPass { get; init; }

    /// <summary><c>virtual_ipaddress</c>: carried in adverts; all of the instance's family.</summary>
    public ImmutableArray<VirtualIpAddress> VirtualIpaddress { get; init; } = [];

    /// <summary><c>virtual_ipaddress_excluded</c>: managed like VIPs but not carried in adverts.</summary>
    public ImmutableArray<VirtualIpAddress> VirtualIpaddressExcluded { get; init; } = [];

    /// <summary><c>virtual_routes</c>.</summary>
    public ImmutableArray<VirtualRoute> VirtualRoutes { get; init; } = [];

    /// <summary><c>virtual_rules</c>.</summary>
    public ImmutableArray<VirtualRule> VirtualRules { get; init; } = [];

    /// <summary><c>accept</c> / <c>no_accept</c> (RFC 5798 Accept_Mode): false = while MASTER, traffic to and from the
    /// VIPs is dropped by an nftables table (keepalived's default is accept, except in strict mode for a non-owner).</summary>
    public bool Accept { get; init; } = true;

    /// <summary><c>use_vmac</c>: the VMAC; null = none. With a VMAC and without <c>vmac_xmit_base</c>,
    /// <see cref="Interface"/> is the VMAC's name.</summary>
    public VrrpVirtualMac? VirtualMac { get; init; }

    /// <summary>Where VIPs without <c>dev</c> go and are announced: the VMAC if any, else <see cref="Interface"/>.</summary>
    public string AddressInterface => VirtualMac?.Name ?? Interface;

    /// <summary><c>mcast_src_ip</c> / <c>unicast_src_ip</c> (aliases): the advert source and the address compared in
    /// the equal-priority tie-break. Null = the interface's primary address, which the engine learns at run time.</summary>
    public IPAddress? McastSrcIp { get; init; }

    /// <summary><c>mcast_dst_ip</c>; null = 224.0.0.18 / ff02::12.</summary>
    public IPAddress? McastDstIp { get; init; }

    /// <summary><c>unicast_peer</c>: non-empty means unicast mode.</summary>
    public ImmutableArray<VrrpUnicastPeer> UnicastPeer { get; init; } = [];

    /// <summary><c>unicast_ttl</c>; null = 255 for IPv4 (keepalived builds the header), the kernel default for IPv6.</summary>
    public byte? UnicastTtl { get; init; }

    /// <summary><c>check_unicast_src</c>: drop unicast adverts whose source is not a configured peer (implied by any
    /// peer's <c>min_ttl</c>/<c>max_ttl</c>).</summary>
    public bool CheckUnicastSrc { get; init; }

    /// <summary><c>track_src_ip</c>: FAULT while the configured source address (<see cref="McastSrcIp"/>) is not on this
    /// host, also when it goes away after start (without it only a missing <c>unicast_src_ip</c> counts, as keepalived
    /// cannot bind its socket then).</summary>
    public bool TrackSourceAddress { get; init; }

    /// <summary><c>garp_master_delay</c>: delay of the second GARP/NA burst after becoming master; 0 = none.</summary>
    public TimeSpan GarpMasterDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary><c>garp_master_repeat</c>: GARP/NA per address in each burst.</summary>
    public int GarpMasterRepeat { get; init; } = 5;

    /// <summary><c>garp_lower_prio_delay</c>; null = <see cref="GarpMasterDelay"/>.</summary>
    public TimeSpan? GarpLowerPrioDelay { get; init; }

    /// <summary><c>garp_lower_prio_repeat</c>; null = <see cref="GarpMasterRepeat"/> (observed with 2.2.7: 5 GARPs
    /// after a lower-priority advert, and 5 more after the delay).</summary>
    public int? GarpLowerPrioRepeat { get; init; }

    /// <summary><c>garp_master_refresh</c>: periodic GARP/NA while master; 0 = off.</summary>
    public TimeSpan GarpMasterRefresh { get; init; }

    /// <summary><c>garp_master_refresh_repeat</c>.</summary>
    public int GarpMasterRefreshRepeat { get; init; } = 1;

    /// <summary><c>vrrp_garp_interval</c> (or the interface's <c>garp_group</c>): spacing of GARPs on an interface.</summary>
    public TimeSpan GarpInterval { get; init; }

    /// <summary><c>vrrp_gna_interval</c>: spacing of unsolicited NAs on an interface.</summary>
    public TimeSpan GnaInterval { get; init; }

    /// <summary><c>down_timer_adverts</c> (1-100): Master_Down_Interval = this × Master_Adver_Interval + Skew_Time.</summary>
    public int DownTimerAdverts { get; init; } = 3;

    /// <summary><c>lower_prio_no_advert</c>: a master does not answer a lower-priority advert with its own.</summary>
    public bool LowerPrioNoAdvert { get; init; }

    /// <summary><c>higher_prio_send_advert</c>: a master sends one advert before yielding to a higher priority.</summary>
    public bool HigherPrioSendAdvert { get; init; }

    /// <summary><c>v3_checksum_as_v2</c>: VRRPv3/IPv4 checksum without the pseudo-header (RFC 9568 §5.2.8).</summary>
    public bool V3ChecksumAsV2 { get; init; }

    /// <summary><c>old_unicast_checksum [never]</c>.</summary>
    public VrrpOldUnicastChecksum OldUnicastChecksum { get; init; } = VrrpOldUnicastChecksum.Auto;

    /// <summary><c>skip_check_adv_addr</c>: do not compare the address list of adverts from the current master.</summary>
    public bool SkipCheckAdvAddr { get; init; }

    /// <summary><c>dont_track_primary</c>: the instance's own interface going down is not a fault (keepalived 2.2.7 was
    /// observed to stay MASTER, logging send errors).</summary>
    public bool DontTrackPrimary { get; init; }

    /// <summary><c>unicast_fault_no_peer</c> without any <c>unicast_peer</c>: the instance stays in FAULT (keepalived 2.2.7:
    /// "(VI_1) Cannot use unicast without any peers - going to fault state").</summary>
    public bool FaultNoUnicastPeer { get; init; }

    /// <summary><c>notify_priority_changes</c>: FIFO <c>MASTER_PRIORITY</c>/<c>BACKUP_PRIORITY</c> lines.</summary>
    public bool NotifyPriorityChanges { get; init; }

    /// <summary><c>notify_master</c>.</summary>
    public VrrpNotifyScript? NotifyMaster { get; init; }

    /// <summary><c>notify_backup</c>.</summary>
    public VrrpNotifyScript? NotifyBackup { get; init; }

    /// <summary><c>notify_fault</c>.</summary>
    public VrrpNotifyScript? NotifyFault { get; init; }

    /// <summary><c>notify_stop</c>.</summary>
    public VrrpNotifyScript? NotifyStop { get; init; }

    /// <summary><c>notify_master_rx_lower_pri</c>.</summary>
    public VrrpNotifyScript? NotifyMasterRxLowerPri { get; init; }

    /// <summary><c>notify</c>: run after the specific script with <c>INSTANCE name STATE priority</c> appended.</summary>
    public VrrpNotifyScript? Notify { get; init; }

    /// <summary>Address family: that of the VIPs, else of the peers or source address, else IPv4.</summary>
    public AddressFamily Family =>
        !VirtualIpaddress.IsDefaultOrEmpty ? VirtualIpaddress[0].Address.AddressFamily
        : !UnicastPeer.IsDefaultOrEmpty ? UnicastPeer[0].Address.AddressFamily
        : McastSrcIp?.AddressFamily ?? AddressFamily.InterNetwork;

    /// <summary>Unicast mode.</summary>
    public bool IsUnicast => !UnicastPeer.IsDefaultOrEmpty;

    /// <summary>Address owner (priority 255): its priority never changes.</summary>
    public bool IsAddressOwner => Priority == 255;

    /// <summary>The multicast group adverts go to.</summary>
    public IPAddress MulticastGroup => McastDstIp ?? (Family == AddressFamily.InterNetworkV6 ? MulticastGroupV6 : MulticastGroupV4);

    /// <summary>Problems that make these settings unusable (the configuration layer should have caught them).</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (VirtualRouterId == 0)
        {
            problems.Add("virtual_router_id must be 1-255");
        }

        if (Priority == 0)
        {
            problems.Add("priority must be 1-255");
        }

        if (Version == VrrpVersion.V2)
        {
            if (AdvertInt < TimeSpan.FromSeconds(1) || AdvertInt > TimeSpan.FromSeconds(255) || AdvertInt.Ticks % TimeSpan.TicksPerSecond != 0)
            {
                problems.Add("advert_int must be a whole number of seconds 1-255 for VRRPv2");
            }
        }
        else if (AdvertInt < TimeSpan.FromMilliseconds(10) || AdvertInt > TimeSpan.FromMilliseconds(40950) || AdvertInt.Ticks % (TimeSpan.TicksPerMillisecond * 10) != 0)
        {
            problems.Add("advert_int must be 0.01-40.95 s in 10 ms steps for VRRPv3");
        }

        if (Version == VrrpVersion.V3 && AuthType != VrrpAuthType.None)
        {
            problems.Add("authentication is VRRPv2 only");
        }

        if (AuthType == VrrpAuthType.Ah)
        {
            problems.Add("auth_type AH is not supported");
        }

        if (DownTimerAdverts is < 1 or > 100)
        {
            problems.Add("down_timer_adverts must be 1-100");
        }

        if (VirtualIpaddress.Length > byte.MaxValue)
        {
            problems.Add("an advert carries at most 255 addresses; move the rest to virtual_ipaddress_excluded");
        }

        var family = Family;
        if (VirtualIpaddress.Any(v => v.Address.AddressFamily != family))
        {
            problems.Add("all virtual_ipaddress entries must be of one family");
        }

        if (UnicastPeer.Any(p => p.Address.AddressFamily != family) || (McastSrcIp is not null && McastSrcIp.AddressFamily != family))
        {
            problems.Add("unicast peers and source address must be of the instance's family");
        }

        if (GarpMasterRepeat < 0 || GarpMasterRefreshRepeat < 0 || GarpLowerPrioRepeat < 0)
        {
            problems.Add("GARP repeat counts cannot be negative");
        }

        if (PreemptDelay < TimeSpan.Zero || GarpMasterDelay < TimeSpan.Zero || GarpMasterRefresh < TimeSpan.Zero ||
            GarpLowerPrioDelay < TimeSpan.Zero || GarpInterval < TimeSpan.Zero || GnaInterval < TimeSpan.Zero)
        {
            problems.Add("delays and intervals cannot be negative");
        }

        return problems;
    }
}
