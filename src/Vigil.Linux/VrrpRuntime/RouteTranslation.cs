using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Vigil.Config.Model;
using Vigil.Linux.Rtnl;
using ConfigRouteType = Vigil.Config.Model.RouteType;
using ConfigRuleAction = Vigil.Config.Model.RuleAction;
using RtnlRouteMetric = Vigil.Linux.Rtnl.RouteMetric;
using RtnlRouteType = Vigil.Linux.Rtnl.RouteType;
using RtnlRuleAction = Vigil.Linux.Rtnl.RuleAction;

namespace Vigil.Linux.VrrpRuntime;

/// <summary>
/// <c>virtual_routes</c>/<c>static_routes</c> and <c>virtual_rules</c>/<c>static_rules</c> entries of the configuration
/// model as rtnetlink requests, with keepalived 2.2.7's choices: protocol 18 (keepalived) unless <c>protocol</c> is
/// given, and scope global unless <c>scope</c> is given (observed: <c>198.51.100.0/26 dev eth0 table 200</c> is installed
/// "proto keepalived scope global", where ip-route(8) would pick scope link). Interface names are resolved by the caller;
/// an unknown one makes the entry unusable for now (null).
/// </summary>
internal static class RouteTranslation
{
    /// <summary>The route, or null when a named interface does not exist (yet).</summary>
    public static RouteEntry? ToEntry(RouteConfig r, Func<string, int?> indexOf)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(indexOf);
        var family = r.Family == AddressFamily.Unspecified ? r.Destination.AddressFamily : r.Family;
        var oif = 0;
        if (r.Device is { } dev)
        {
            if (indexOf(dev) is not { } index)
            {
                return null;
            }

            oif = index;
        }

        var hops = new List<RouteNextHop>();
        foreach (var h in r.NextHops)
        {
            var hopIndex = 0;
            if (h.Device is { } hd)
            {
                if (indexOf(hd) is not { } hi)
                {
                    return null;
                }

                hopIndex = hi;
            }

            hops.Add(new RouteNextHop(h.Via, hopIndex, h.Weight, h.OnLink));
        }

        var metrics = new List<RtnlRouteMetric>();
        foreach (var m in r.Metrics)
        {
            if (MetricType(m.Name) is { } metricType)
            {
                metrics.Add(new RtnlRouteMetric(metricType, m.Value, m.Locked));
            }
        }

        if (r.FeaturesEcn)
        {
            metrics.Add(new RtnlRouteMetric(RtnlRouteMetric.Features, 1));
        }

        if (r.FastOpenNoCookie is { } fo)
        {
            metrics.Add(new RtnlRouteMetric(RtnlRouteMetric.FastOpenNoCookie, (uint)fo));
        }

        var type = (RtnlRouteType)(byte)r.Type;
        return new RouteEntry(family)
        {
            Type = type,
            Destination = r.Destination,
            DestinationPrefixLength = r.DestinationPrefixLength,
            Source = r.From,
            SourcePrefixLength = r.FromPrefixLength,
            Gateway = r.Via,
            OutputInterface = oif,
            PreferredSource = r.PreferredSource,
            Table = r.Table ?? RtnlConstants.RT_TABLE_MAIN,
            Metric = r.Metric,
            Tos = r.Tos ?? 0,
            Protocol = r.Protocol ?? RtnlConstants.RTPROT_KEEPALIVED,
            Scope = r.Scope is { } s ? (RouteScope)(byte)s : DefaultScope(r.Type),
            OnLink = r.OnLink,
            Realms = ParseRealms(r.Realms),
            Ipv6Preference = r.Preference is { } p ? (byte)p : null,
            Metrics = metrics,
            CongestionControl = r.CongestionControl,
            CongestionControlLocked = r.CongestionControlLocked,
            NextHops = hops,
        };
    }

    /// <summary>The rule (interface names are sent as names, so no lookup is needed).</summary>
    public static RuleEntry ToEntry(RuleConfig r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var family = r.Family != AddressFamily.Unspecified ? r.Family
            : r.From?.AddressFamily ?? r.To?.AddressFamily ?? AddressFamily.InterNetwork;
        return new RuleEntry(family)
        {
            From = r.From,
            FromPrefixLength = r.FromPrefixLength,
            To = r.To,
            ToPrefixLength = r.ToPrefixLength,
            Invert = r.Not,
            Table = r.Table,
            Action = r.Goto is not null ? RtnlRuleAction.Goto : r.Action switch
            {
                ConfigRuleAction.ToTable => RtnlRuleAction.Unspecified,
                var a => (RtnlRuleAction)(byte)a,
            },
            Goto = r.Goto,
            Priority = r.Preference,
            Tos = r.Tos ?? 0,
            FirewallMark = r.FwMark,
            FirewallMask = r.FwMask,
            InputInterface = r.InputInterface,
            OutputInterface = r.OutputInterface,
            UidRange = r.UidRangeStart is { } us ? (us, r.UidRangeEnd ?? us) : null,
            SourcePortRange = r.SourcePortStart is { } ss ? (ss, r.SourcePortEnd ?? ss) : null,
            DestinationPortRange = r.DestinationPortStart is { } ds ? (ds, r.DestinationPortEnd ?? ds) : null,
            IpProtocol = r.IpProtocol,
            SuppressPrefixLength = r.SuppressPrefixLength,
            SuppressInterfaceGroup = r.SuppressIfGroup,
            Realms = ParseRealms(r.Realms),
            TunnelId = r.TunnelId,
            L3mdev = r.L3mdev,
            Protocol = r.Protocol ?? RtnlConstants.RTPROT_KEEPALIVED,
        };
    }

    /// <summary>Whether a route seen in a dump or a deletion event is <paramref name="ours"/> (same key as the kernel's).</summary>
    public static bool SameRoute(RouteEntry ours, RouteEntry seen) =>
        ours.Family == seen.Family && ours.Table == seen.Table && ours.DestinationPrefixLength == seen.DestinationPrefixLength &&
        SameAddress(ours.Destination, seen.Destination, ours.Family) && ours.Tos == seen.Tos &&
        (ours.Metric ?? DefaultMetric(ours.Family)) == (seen.Metric ?? DefaultMetric(seen.Family)) &&
        ours.SourcePrefixLength == seen.SourcePrefixLength;

    /// <summary>Whether a rule seen in a dump or a deletion event is <paramref name="ours"/>.</summary>
    public static bool SameRule(RuleEntry ours, RuleEntry seen) =>
        ours.Family == seen.Family && (ours.Priority is null || ours.Priority == seen.Priority) &&
        ours.FromPrefixLength == seen.FromPrefixLength && ours.ToPrefixLength == seen.ToPrefixLength &&
        Equals(ours.From, seen.From) && Equals(ours.To, seen.To) && (ours.Table ?? RtnlConstants.RT_TABLE_MAIN) == (seen.Table ?? RtnlConstants.RT_TABLE_MAIN);

    private static uint DefaultMetric(AddressFamily family) => family == AddressFamily.InterNetworkV6 ? 1024u : 0u;

    private static bool SameAddress(IPAddress? a, IPAddress? b, AddressFamily family)
    {
        var any = family == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any;
        return (a ?? any).Equals(b ?? any);
    }

    private static RouteScope DefaultScope(ConfigRouteType type) => type switch
    {
        ConfigRouteType.Local or ConfigRouteType.Nat => RouteScope.Host,
        ConfigRouteType.Broadcast or ConfigRouteType.Multicast or ConfigRouteType.Anycast => RouteScope.Link,
        _ => RouteScope.Universe,
    };

    private static ushort? MetricType(string name) => name switch
    {
        "mtu" => RtnlRouteMetric.Mtu,
        "window" => RtnlRouteMetric.Window,
        "rtt" => RtnlRouteMetric.Rtt,
        "rttvar" => RtnlRouteMetric.RttVar,
        "ssthresh" => RtnlRouteMetric.SsThresh,
        "cwnd" => RtnlRouteMetric.Cwnd,
        "advmss" => RtnlRouteMetric.AdvMss,
        "reordering" => RtnlRouteMetric.Reordering,
        "hoplimit" => RtnlRouteMetric.HopLimit,
        "initcwnd" => RtnlRouteMetric.InitCwnd,
        "rto_min" => RtnlRouteMetric.RtoMin,
        "initrwnd" => RtnlRouteMetric.InitRwnd,
        "quickack" => RtnlRouteMetric.QuickAck,
        _ => null,
    };

    /// <summary><c>realms [FROM/]TO</c> as RTA_FLOW (FROM &lt;&lt; 16 | TO); numeric realms only.</summary>
    internal static uint? ParseRealms(string? realms)
    {
        if (string.IsNullOrEmpty(realms))
        {
            return null;
        }

        var parts = realms.Split('/');
        static uint? One(string s) => uint.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v <= 0xffff ? v : null;
        return parts.Length switch
        {
            1 => One(parts[0]),
            2 when One(parts[0]) is { } from && One(parts[1]) is { } to => (from << 16) | to,
            _ => null,
        };
    }
}
