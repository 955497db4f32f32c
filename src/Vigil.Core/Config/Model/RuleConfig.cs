using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;

namespace Vigil.Config.Model;

/// <summary>A policy routing rule of <c>virtual_rules</c> or <c>static_rules</c> (iproute2 <c>ip rule</c> syntax).</summary>
public sealed record RuleConfig
{
    public AddressFamily Family { get; init; } = AddressFamily.InterNetwork;

    public RuleAction Action { get; init; } = RuleAction.ToTable;

    public IPAddress? From { get; init; }

    public int FromPrefixLength { get; init; }

    public IPAddress? To { get; init; }

    public int ToPrefixLength { get; init; }

    public bool Not { get; init; }

    public uint? Table { get; init; }

    public string? InputInterface { get; init; }

    public string? OutputInterface { get; init; }

    public byte? Tos { get; init; }

    public uint? FwMark { get; init; }

    public uint? FwMask { get; init; }

    /// <summary>Rule priority; keepalived assigns one (with a warning) when missing.</summary>
    public uint? Preference { get; init; }

    public string? Realms { get; init; }

    public uint? Goto { get; init; }

    public uint? UidRangeStart { get; init; }

    public uint? UidRangeEnd { get; init; }

    public bool L3mdev { get; init; }

    public byte? Protocol { get; init; }

    public byte? IpProtocol { get; init; }

    public ushort? SourcePortStart { get; init; }

    public ushort? SourcePortEnd { get; init; }

    public ushort? DestinationPortStart { get; init; }

    public ushort? DestinationPortEnd { get; init; }

    public int? SuppressPrefixLength { get; init; }

    public int? SuppressIfGroup { get; init; }

    public ulong? TunnelId { get; init; }

    public bool NoTrack { get; init; }

    public string? TrackGroup { get; init; }

    public SourceLocation Location { get; init; }
}
