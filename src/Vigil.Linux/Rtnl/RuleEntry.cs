using System.Net;
using System.Net.Sockets;

namespace Vigil.Linux.Rtnl;

/// <summary>
/// A policy routing rule as RTM_NEWRULE/RTM_DELRULE carry it (ip-rule(8) terms in brackets). On add, a rule
/// with neither table nor goto nor another action goes to table main with FR_ACT_TO_TBL, as ip-rule(8) does.
/// <see cref="Protocol"/> defaults to 18 (keepalived), sent as FRA_PROTOCOL.
/// </summary>
public sealed record RuleEntry(AddressFamily Family)
{
    /// <summary>["from"] FRA_SRC.</summary>
    public IPAddress? From { get; init; }

    public int FromPrefixLength { get; init; }

    /// <summary>["to"] FRA_DST.</summary>
    public IPAddress? To { get; init; }

    public int ToPrefixLength { get; init; }

    /// <summary>["not"] FIB_RULE_INVERT.</summary>
    public bool Invert { get; init; }

    /// <summary>["table"/"lookup"]; null = main on add, any on delete.</summary>
    public uint? Table { get; init; }

    public RuleAction Action { get; init; } = RuleAction.Unspecified;

    /// <summary>["goto"] target priority (FRA_GOTO; action FR_ACT_GOTO).</summary>
    public uint? Goto { get; init; }

    /// <summary>["priority"/"pref"] FRA_PRIORITY.</summary>
    public uint? Priority { get; init; }

    /// <summary>["tos"/"dsfield"].</summary>
    public byte Tos { get; init; }

    /// <summary>["fwmark MARK[/MASK]"] FRA_FWMARK and FRA_FWMASK.</summary>
    public uint? FirewallMark { get; init; }

    public uint? FirewallMask { get; init; }

    /// <summary>["iif"] FRA_IIFNAME.</summary>
    public string? InputInterface { get; init; }

    /// <summary>["oif"] FRA_OIFNAME.</summary>
    public string? OutputInterface { get; init; }

    /// <summary>["uidrange A-B"] FRA_UID_RANGE.</summary>
    public (uint Start, uint End)? UidRange { get; init; }

    /// <summary>["sport A[-B]"] FRA_SPORT_RANGE.</summary>
    public (ushort Start, ushort End)? SourcePortRange { get; init; }

    /// <summary>["dport A[-B]"] FRA_DPORT_RANGE.</summary>
    public (ushort Start, ushort End)? DestinationPortRange { get; init; }

    /// <summary>["ipproto"] FRA_IP_PROTO.</summary>
    public byte? IpProtocol { get; init; }

    /// <summary>["suppress_prefixlength"] FRA_SUPPRESS_PREFIXLEN.</summary>
    public int? SuppressPrefixLength { get; init; }

    /// <summary>["suppress_ifgroup"] FRA_SUPPRESS_IFGROUP.</summary>
    public int? SuppressInterfaceGroup { get; init; }

    /// <summary>["realms"] FRA_FLOW.</summary>
    public uint? Realms { get; init; }

    /// <summary>["tunnel-id"] FRA_TUN_ID.</summary>
    public ulong? TunnelId { get; init; }

    /// <summary>["l3mdev"] FRA_L3MDEV.</summary>
    public bool L3mdev { get; init; }

    public byte Protocol { get; init; } = RtnlConstants.RTPROT_KEEPALIVED;
}
