using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Vigil.Config.Model;

namespace Vigil.Config.Parsing;

/// <summary>
/// One route of <c>virtual_routes</c>/<c>static_routes</c> in iproute2 syntax (full option names only, as
/// keepalived.conf(5) requires). Unknown words are reported with keepalived's "unknown route keyword" message.
/// </summary>
internal static class RouteEntryParser
{
    private static readonly HashSet<string> s_metrics = new(StringComparer.Ordinal)
    {
        "mtu", "hoplimit", "advmss", "rtt", "rttvar", "reordering", "window", "cwnd", "ssthresh", "realms",
        "rto_min", "initcwnd", "initrwnd", "quickack", "features", "congctl", "fastopen_no_cookie",
    };

    public static RouteConfig? Parse(KeywordArgs item, bool isStatic)
    {
        var words = new List<string> { item.Keyword };
        words.AddRange(item.From(0));
        var family = AddressFamily.Unspecified;
        if (words.Contains("inet6"))
        {
            family = AddressFamily.InterNetworkV6;
        }

        var route = new RouteConfig { Destination = IPAddress.Any, Location = item.Location };
        var haveDestination = false;
        var metrics = ImmutableArray.CreateBuilder<RouteMetric>();
        var nextHops = ImmutableArray.CreateBuilder<NextHopConfig>();
        var i = 0;

        bool TakeAddress(string what, out IPAddress addr, out int plen)
        {
            addr = IPAddress.None;
            plen = -1;
            if (i + 1 >= words.Count)
            {
                item.Error($"Missing value for route {what}");
                return false;
            }

            var v = words[i + 1];
            if (!AddressParser.TryParsePrefix(v, out addr, out plen, out _))
            {
                item.Error($"invalid route {what} address {v}");
                return false;
            }

            if (family == AddressFamily.Unspecified)
            {
                family = addr.AddressFamily;
            }
            else if (family != addr.AddressFamily)
            {
                item.Error($"route {what} address {v} does not match the route's address family");
                return false;
            }

            return true;
        }

        bool TakeUInt(string what, out uint value, uint max = uint.MaxValue)
        {
            value = 0;
            if (i + 1 >= words.Count)
            {
                item.Error($"Missing value for route {what}");
                return false;
            }

            var v = words[i + 1];
            if (!KeywordArgs.TryParseInteger(v, out var l) || l < 0 || l > max)
            {
                item.Error($"Invalid {what} {v} for route");
                return false;
            }

            value = (uint)l;
            return true;
        }

        while (i < words.Count)
        {
            var w = words[i];
            switch (w)
            {
                case "src":
                    if (TakeAddress("src", out var src, out _))
                    {
                        route = route with { PreferredSource = src };
                    }

                    i += 2;
                    continue;
                case "from":
                    if (TakeAddress("from", out var from, out var fromLen))
                    {
                        route = route with { From = from, FromPrefixLength = fromLen < 0 ? AddressParser.MaxPrefix(from) : fromLen };
                    }

                    i += 2;
                    continue;
                case "via":
                case "gw":
                    if (w == "gw")
                    {
                        item.Error("\"gw\" for routes is deprecated. Please use \"via\"");
                    }

                    if (i + 2 < words.Count && words[i + 1] is "inet" or "inet6")
                    {
                        // iproute2's "via [inet|inet6] ADDR".
                        words.RemoveAt(i + 1);
                    }

                    if (TakeAddress("via", out var via, out _))
                    {
                        route = route with { Via = via };
                    }
                    else
                    {
                        return null;
                    }

                    i += 2;
                    continue;
                case "or":
                    item.Error("\"or\" for routes is deprecated. Please use \"nexthop\"");
                    if (TakeAddress("or", out var or, out _))
                    {
                        route = route with { Or = or };
                    }

                    i += 2;
                    continue;
                case "dev":
                case "oif":
                    if (i + 1 < words.Count)
                    {
                        route = route with { Device = words[i + 1] };
                    }

                    i += 2;
                    continue;
                case "table":
                    if (i + 1 < words.Count)
                    {
                        var t = words[i + 1];
                        uint? table = t switch
                        {
                            "main" => 254,
                            "local" => 255,
                            "default" => 253,
                            _ => KeywordArgs.TryParseInteger(t, out var tl) && tl is >= 0 and <= uint.MaxValue ? (uint)tl : null,
                        };
                        if (table is null)
                        {
                            item.Error($"Invalid table {t} for route");
                        }

                        route = route with { Table = table };
                    }

                    i += 2;
                    continue;
                case "metric":
                case "priority":
                case "preference":
                    if (TakeUInt(w, out var metric))
                    {
                        route = route with { Metric = metric };
                    }

                    i += 2;
                    continue;
                case "tos":
                case "dsfield":
                    if (TakeUInt("tos", out var tos, 255))
                    {
                        route = route with { Tos = (byte)tos };
                    }

                    i += 2;
                    continue;
                case "protocol":
                    if (i + 1 < words.Count)
                    {
                        var p = words[i + 1];
                        byte? proto = p switch
                        {
                            "kernel" => 2,
                            "boot" => 3,
                            "static" => 4,
                            "keepalived" => 18,
                            "bird" => 12,
                            "zebra" => 11,
                            "dhcp" => 16,
                            _ => KeywordArgs.TryParseInteger(p, out var pl) && pl is >= 0 and <= 255 ? (byte)pl : null,
                        };
                        if (proto is null)
                        {
                            item.Error($"Invalid protocol {p} for route");
                        }

                        route = route with { Protocol = proto };
                    }

                    i += 2;
                    continue;
                case "scope":
                    if (i + 1 < words.Count)
                    {
                        var s = IpAddressEntryParser.ParseScope(words[i + 1]);
                        if (s is null)
                        {
                            item.Error($"Invalid scope {words[i + 1]} for route");
                        }

                        route = route with { Scope = s };
                    }

                    i += 2;
                    continue;
                case "type":
                    if (i + 1 < words.Count && ParseType(words[i + 1]) is { } ty)
                    {
                        route = route with { Type = ty };
                    }
                    else
                    {
                        item.Error($"unknown route keyword {w}");
                    }

                    i += 2;
                    continue;
                case "pref":
                    if (i + 1 < words.Count)
                    {
                        int? pref = words[i + 1] switch { "low" => 3, "medium" => 0, "high" => 1, _ => null };
                        if (pref is null)
                        {
                            item.Error($"Invalid pref {words[i + 1]} for route");
                        }

                        route = route with { Preference = pref };
                    }

                    i += 2;
                    continue;
                case "nexthop":
                    {
                        i++;
                        var hop = new NextHopConfig();
                        while (i < words.Count && words[i] != "nexthop")
                        {
                            var hw = words[i];
                            if (hw == "via" && TakeAddress("nexthop via", out var hv, out _))
                            {
                                hop = hop with { Via = hv };
                                i += 2;
                            }
                            else if (hw == "dev" && i + 1 < words.Count)
                            {
                                hop = hop with { Device = words[i + 1] };
                                i += 2;
                            }
                            else if (hw == "weight" && i + 1 < words.Count)
                            {
                                if (!int.TryParse(words[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var wt) || wt is < 1 or > 256)
                                {
                                    item.Error($"Invalid nexthop weight {words[i + 1]}");
                                }
                                else
                                {
                                    hop = hop with { Weight = wt };
                                }

                                i += 2;
                            }
                            else if (hw == "onlink")
                            {
                                hop = hop with { OnLink = true };
                                i++;
                            }
                            else if (hw == "realms" && i + 1 < words.Count)
                            {
                                hop = hop with { Realms = words[i + 1] };
                                i += 2;
                            }
                            else
                            {
                                item.Error($"Route has trailing nonsense after nexthops - {hw}");
                                i = words.Count;
                            }
                        }

                        nextHops.Add(hop);
                        continue;
                    }

                case "onlink":
                    route = route with { OnLink = true };
                    i++;
                    continue;
                case "vrf":
                    if (i + 1 < words.Count)
                    {
                        route = route with { Vrf = words[i + 1] };
                    }

                    i += 2;
                    continue;
                case "inet6":
                case "add":
                    i++;
                    continue;
                case "append":
                    route = route with { Append = true };
                    i++;
                    continue;
                case "prepend":
                    i++;
                    continue;
                case "no_track":
                    route = route with { NoTrack = true };
                    i++;
                    continue;
                case "track_group":
                    if (i + 1 < words.Count)
                    {
                        if (isStatic)
                        {
                            route = route with { TrackGroup = words[i + 1] };
                        }
                        else
                        {
                            item.Error("track_group only applies to static routes - ignoring");
                        }
                    }

                    i += 2;
                    continue;
                case "ttl-propagate":
                    route = route with { TtlPropagate = true };
                    i++;
                    continue;
                case "to":
                    i++;
                    continue;
            }

            if (s_metrics.Contains(w))
            {
                var locked = i + 1 < words.Count && words[i + 1] == "lock";
                var vi = locked ? i + 2 : i + 1;
                if (vi >= words.Count)
                {
                    item.Error($"Missing value for route {w}");
                    i = vi;
                    continue;
                }

                var v = words[vi];
                switch (w)
                {
                    case "realms":
                        route = route with { Realms = v };
                        break;
                    case "features":
                        if (v == "ecn")
                        {
                            route = route with { FeaturesEcn = true };
                        }
                        else
                        {
                            item.Error($"Invalid route features {v}");
                        }

                        break;
                    case "congctl":
                        route = route with { CongestionControl = v, CongestionControlLocked = locked };
                        break;
                    case "fastopen_no_cookie":
                        if (v is "0" or "1")
                        {
                            route = route with { FastOpenNoCookie = v[0] - '0' };
                        }
                        else
                        {
                            item.Error($"Invalid fastopen_no_cookie {v} for route");
                        }

                        break;
                    default:
                        if (KeywordArgs.TryParseInteger(v, out var mv) && mv is >= 0 and <= uint.MaxValue)
                        {
                            metrics.Add(new RouteMetric(w, (uint)mv, locked));
                        }
                        else
                        {
                            item.Error($"Invalid {w} {v} for route");
                        }

                        break;
                }

                i = vi + 1;
                continue;
            }

            if (ParseType(w) is { } type && !haveDestination)
            {
                route = route with { Type = type };
                i++;
                continue;
            }

            if (!haveDestination)
            {
                if (w is "default" or "default6")
                {
                    haveDestination = true;
                    route = route with { DestinationPrefixLength = 0 };
                    if (w == "default6")
                    {
                        family = AddressFamily.InterNetworkV6;
                    }

                    i++;
                    continue;
                }

                if (AddressParser.TryParsePrefix(w, out var dst, out var dlen, out var bad))
                {
                    if (bad)
                    {
                        item.Error($"Invalid route destination prefix {w}");
                        return null;
                    }

                    if (family == AddressFamily.Unspecified)
                    {
                        family = dst.AddressFamily;
                    }

                    haveDestination = true;
                    route = route with { Destination = dst, DestinationPrefixLength = dlen < 0 ? AddressParser.MaxPrefix(dst) : dlen };
                    i++;
                    continue;
                }
            }

            item.Error($"VRRP parsed invalid IP {w}. skipping IP...");
            item.Error($"unknown route keyword {w}");
            return null;
        }

        if (!haveDestination)
        {
            item.Error("Route has no destination - ignoring");
            return null;
        }

        if (family == AddressFamily.Unspecified)
        {
            family = AddressFamily.InterNetwork;
        }

        if (route.DestinationPrefixLength == 0 && route.Destination.Equals(IPAddress.Any) && family == AddressFamily.InterNetworkV6)
        {
            route = route with { Destination = IPAddress.IPv6Any };
        }

        return route with { Family = family, Metrics = metrics.ToImmutable(), NextHops = nextHops.ToImmutable() };
    }

    private static RouteType? ParseType(string w) => w switch
    {
        "unicast" => RouteType.Unicast,
        "local" => RouteType.Local,
        "broadcast" => RouteType.Broadcast,
        "anycast" => RouteType.Anycast,
        "multicast" => RouteType.Multicast,
        "blackhole" => RouteType.Blackhole,
        "unreachable" => RouteType.Unreachable,
        "prohibit" => RouteType.Prohibit,
        "throw" => RouteType.Throw,
        "nat" => RouteType.Nat,
        _ => null,
    };
}
