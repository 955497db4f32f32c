using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Vigil.Config.Model;

namespace Vigil.Config.Parsing;

/// <summary>One rule of <c>virtual_rules</c>/<c>static_rules</c> (iproute2 <c>ip rule</c> syntax, full names).</summary>
internal static class RuleEntryParser
{
    public static RuleConfig? Parse(KeywordArgs item, bool isStatic)
    {
        var words = new List<string> { item.Keyword };
        words.AddRange(item.From(0));
        var family = words.Contains("inet6") ? AddressFamily.InterNetworkV6 : AddressFamily.Unspecified;
        var rule = new RuleConfig { Location = item.Location };
        var i = 0;

        string? Value()
        {
            if (i + 1 < words.Count)
            {
                return words[i + 1];
            }

            item.Error($"Missing value for rule option {words[i]}");
            return null;
        }

        bool Prefix(string what, out IPAddress addr, out int len)
        {
            addr = IPAddress.None;
            len = 0;
            var v = Value();
            if (v is null)
            {
                return false;
            }

            if (v == "all")
            {
                return false;
            }

            if (!AddressParser.TryParsePrefix(v, out addr, out len, out var bad) || bad)
            {
                item.Error($"VRRP parsed invalid IP {v}. skipping IP...");
                item.Error($"Invalid rule {what} address {v}");
                return false;
            }

            if (len < 0)
            {
                len = AddressParser.MaxPrefix(addr);
            }

            if (family == AddressFamily.Unspecified)
            {
                family = addr.AddressFamily;
            }

            return true;
        }

        bool UInt(out uint value, uint max = uint.MaxValue)
        {
            value = 0;
            var v = Value();
            if (v is null)
            {
                return false;
            }

            if (!KeywordArgs.TryParseInteger(v, out var l) || l < 0 || l > max)
            {
                item.Error($"Invalid rule {words[i]} {v}");
                return false;
            }

            value = (uint)l;
            return true;
        }

        bool Range(out ushort lo, out ushort hi)
        {
            lo = hi = 0;
            var v = Value();
            if (v is null)
            {
                return false;
            }

            var parts = v.Split('-');
            if (parts.Length is < 1 or > 2 ||
                !ushort.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out lo) ||
                (parts.Length == 2 && !ushort.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out hi)))
            {
                item.Error($"Invalid rule {words[i]} {v}");
                return false;
            }

            if (parts.Length == 1)
            {
                hi = lo;
            }

            return true;
        }

        while (i < words.Count)
        {
            var w = words[i];
            switch (w)
            {
                case "from":
                    if (Prefix("from", out var f, out var fl))
                    {
                        rule = rule with { From = f, FromPrefixLength = fl };
                    }

                    i += 2;
                    break;
                case "to":
                    if (Prefix("to", out var t, out var tl))
                    {
                        rule = rule with { To = t, ToPrefixLength = tl };
                    }

                    i += 2;
                    break;
                case "not":
                    rule = rule with { Not = true };
                    i++;
                    break;
                case "table":
                case "lookup":
                    {
                        var v = Value();
                        if (v is not null)
                        {
                            uint? table = v switch
                            {
                                "main" => 254,
                                "local" => 255,
                                "default" => 253,
                                _ => KeywordArgs.TryParseInteger(v, out var tv) && tv is >= 0 and <= uint.MaxValue ? (uint)tv : null,
                            };
                            if (table is null)
                            {
                                item.Error($"Invalid rule table {v}");
                            }

                            rule = rule with { Table = table };
                        }

                        i += 2;
                        break;
                    }

                case "iif":
                case "dev":
                    rule = rule with { InputInterface = Value() };
                    i += 2;
                    break;
                case "oif":
                    rule = rule with { OutputInterface = Value() };
                    i += 2;
                    break;
                case "tos":
                case "dsfield":
                    if (UInt(out var tos, 255))
                    {
                        rule = rule with { Tos = (byte)tos };
                    }

                    i += 2;
                    break;
                case "fwmark":
                    {
                        var v = Value();
                        if (v is not null)
                        {
                            var parts = v.Split('/');
                            if (KeywordArgs.TryParseInteger(parts[0], out var mark) && mark is >= 0 and <= uint.MaxValue &&
                                (parts.Length == 1 || (parts.Length == 2 && KeywordArgs.TryParseInteger(parts[1], out var mask) && mask is >= 0 and <= uint.MaxValue)))
                            {
                                rule = rule with { FwMark = (uint)mark, FwMask = parts.Length == 2 && KeywordArgs.TryParseInteger(parts[1], out var m2) ? (uint)m2 : null };
                            }
                            else
                            {
                                item.Error($"Invalid rule fwmark {v}");
                            }
                        }

                        i += 2;
                        break;
                    }

                case "preference":
                case "priority":
                case "order":
                    if (UInt(out var pref))
                    {
                        rule = rule with { Preference = pref };
                    }

                    i += 2;
                    break;
                case "realms":
                    rule = rule with { Realms = Value() };
                    i += 2;
                    break;
                case "goto":
                    if (UInt(out var target))
                    {
                        rule = rule with { Goto = target, Action = RuleAction.Goto };
                    }

                    i += 2;
                    break;
                case "uidrange":
                    {
                        var v = Value();
                        var parts = v?.Split('-');
                        if (parts is { Length: 2 } && uint.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var u1) &&
                            uint.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var u2))
                        {
                            rule = rule with { UidRangeStart = u1, UidRangeEnd = u2 };
                        }
                        else if (v is not null)
                        {
                            item.Error($"Invalid rule uidrange {v}");
                        }

                        i += 2;
                        break;
                    }

                case "l3mdev":
                    rule = rule with { L3mdev = true };
                    i++;
                    break;
                case "protocol":
                    if (UInt(out var proto, 255))
                    {
                        rule = rule with { Protocol = (byte)proto };
                    }

                    i += 2;
                    break;
                case "ipproto":
                case "ip_proto":
                    {
                        var v = Value();
                        byte? p = v switch
                        {
                            "tcp" or "TCP" => 6,
                            "udp" or "UDP" => 17,
                            "sctp" or "SCTP" => 132,
                            "icmp" or "ICMP" => 1,
                            "ipv6-icmp" => 58,
                            null => null,
                            _ => KeywordArgs.TryParseInteger(v, out var pv) && pv is >= 0 and <= 255 ? (byte)pv : null,
                        };
                        if (p is null && v is not null)
                        {
                            item.Error($"Invalid rule ip_proto {v}");
                        }

                        rule = rule with { IpProtocol = p };
                        i += 2;
                        break;
                    }

                case "sport":
                    if (Range(out var slo, out var shi))
                    {
                        rule = rule with { SourcePortStart = slo, SourcePortEnd = shi };
                    }

                    i += 2;
                    break;
                case "dport":
                    if (Range(out var dlo, out var dhi))
                    {
                        rule = rule with { DestinationPortStart = dlo, DestinationPortEnd = dhi };
                    }

                    i += 2;
                    break;
                case "suppress_prefixlength":
                    if (UInt(out var sp, 128))
                    {
                        rule = rule with { SuppressPrefixLength = (int)sp };
                    }

                    i += 2;
                    break;
                case "suppress_ifgroup":
                    if (UInt(out var sg))
                    {
                        rule = rule with { SuppressIfGroup = (int)sg };
                    }

                    i += 2;
                    break;
                case "tunid":
                case "tun_id":
                    {
                        var v = Value();
                        if (v is not null && ulong.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var tid))
                        {
                            rule = rule with { TunnelId = tid };
                        }
                        else if (v is not null)
                        {
                            item.Error($"Invalid rule tun_id {v}");
                        }

                        i += 2;
                        break;
                    }

                case "blackhole":
                    rule = rule with { Action = RuleAction.Blackhole };
                    i++;
                    break;
                case "unreachable":
                    rule = rule with { Action = RuleAction.Unreachable };
                    i++;
                    break;
                case "prohibit":
                    rule = rule with { Action = RuleAction.Prohibit };
                    i++;
                    break;
                case "nop":
                    rule = rule with { Action = RuleAction.Nop };
                    i++;
                    break;
                case "inet6":
                    i++;
                    break;
                case "no_track":
                    rule = rule with { NoTrack = true };
                    i++;
                    break;
                case "track_group":
                    if (isStatic)
                    {
                        rule = rule with { TrackGroup = Value() };
                    }
                    else
                    {
                        item.Error("track_group only applies to static rules - ignoring");
                    }

                    i += 2;
                    break;
                default:
                    item.Error($"Unknown rule option {w}");
                    i++;
                    break;
            }
        }

        if (rule.Action == RuleAction.ToTable && rule.Table is null && rule.Goto is null)
        {
            item.Error("Invalid rule action - no table, goto or action specified");
        }

        return rule with { Family = family == AddressFamily.Unspecified ? AddressFamily.InterNetwork : family };
    }
}
