using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Vigil.Config.Model;

namespace Vigil.Config.Parsing;

/// <summary>
/// One line of <c>virtual_ipaddress</c>, <c>virtual_ipaddress_excluded</c> or <c>static_ipaddress</c>
/// (keepalived.conf(5); messages as keepalived 2.2.7 prints them).
/// </summary>
internal static class IpAddressEntryParser
{
    public static IpAddressConfig? Parse(KeywordArgs item, bool isStatic)
    {
        var first = item.Keyword;
        if (!AddressParser.TryParsePrefix(first, out var address, out var prefix, out var badPrefix))
        {
            item.Error($"VRRP parsed invalid IP {first}. skipping IP...");
            return null;
        }

        if (badPrefix)
        {
            item.Error($"Invalid address prefix len {first[(first.IndexOf('/') + 1)..]} for address {first} - using {AddressParser.MaxPrefix(address)}");
        }

        var v6 = address.AddressFamily == AddressFamily.InterNetworkV6;
        var result = new IpAddressConfig
        {
            Address = address,
            PrefixLength = prefix < 0 ? AddressParser.MaxPrefix(address) : prefix,
            Location = item.Location,
        };
        var i = 0;
        while (i < item.Count)
        {
            var w = item[i];
            string? Next()
            {
                if (i + 1 < item.Count)
                {
                    return item[i + 1];
                }

                item.ErrorAt(i, $"Missing value for '{w}' for ip address {first} - ignoring");
                return null;
            }

            switch (w)
            {
                case "brd":
                    {
                        var v = Next();
                        if (v is null)
                        {
                            i++;
                            continue;
                        }

                        if (v == "+")
                        {
                            result = result with { BroadcastMode = BroadcastMode.SetHostBits };
                        }
                        else if (v == "-")
                        {
                            result = result with { BroadcastMode = BroadcastMode.ClearHostBits };
                        }
                        else if (AddressParser.TryParseAddress(v, out var b) && !v6 && b.AddressFamily == AddressFamily.InterNetwork)
                        {
                            result = result with { BroadcastMode = BroadcastMode.Address, Broadcast = b };
                        }
                        else
                        {
                            item.ErrorAt(i + 1, $"VRRP is trying to assign invalid broadcast {v}. skipping VIP...");
                            return null;
                        }

                        i += 2;
                        continue;
                    }

                case "dev":
                    {
                        var v = Next();
                        if (v is not null)
                        {
                            result = result with { Device = v };
                        }

                        i += 2;
                        continue;
                    }

                case "scope":
                    {
                        var v = Next();
                        if (v is not null)
                        {
                            if (ParseScope(v) is { } s)
                            {
                                if (v6)
                                {
                                    item.ErrorAt(i, $"Cannot specify scope for IPv6 addresses ({first}) - ignoring scope");
                                }
                                else
                                {
                                    result = result with { Scope = s };
                                }
                            }
                            else
                            {
                                item.ErrorAt(i + 1, $"Invalid scope '{v}' specified for {first} - setting to global");
                            }
                        }

                        i += 2;
                        continue;
                    }

                case "label":
                    {
                        var v = Next();
                        if (v is not null)
                        {
                            if (v6)
                            {
                                item.ErrorAt(i, $"Cannot specify label for IPv6 addresses ({first}) - ignoring label");
                            }
                            else if (v.Length > 15)
                            {
                                item.ErrorAt(i + 1, $"Label '{v}' is too long (max 15 characters) - ignoring label");
                            }
                            else
                            {
                                result = result with { Label = v };
                            }
                        }

                        i += 2;
                        continue;
                    }

                case "peer":
                    {
                        var v = Next();
                        if (v is not null)
                        {
                            if (prefix >= 0)
                            {
                                item.ErrorAt(i, "Cannot specify address prefix when specifying peer address - ignoring");
                            }

                            if (AddressParser.TryParsePrefix(v, out var peer, out var peerLen, out _) && peer.AddressFamily == address.AddressFamily)
                            {
                                result = result with { Peer = peer, PeerPrefixLength = peerLen < 0 ? null : peerLen };
                            }
                            else
                            {
                                item.ErrorAt(i + 1, $"Invalid peer address {v}");
                            }
                        }

                        i += 2;
                        continue;
                    }

                case "preferred_lft":
                    {
                        var v = Next();
                        if (v is not null)
                        {
                            if (v == "forever")
                            {
                                result = result with { PreferredLifetime = uint.MaxValue };
                            }
                            else if (uint.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var lft))
                            {
                                result = result with { PreferredLifetime = lft };
                            }
                            else
                            {
                                item.ErrorAt(i + 1, $"Invalid preferred_lft {v}");
                            }
                        }

                        i += 2;
                        continue;
                    }

                case "track_group":
                    {
                        var v = Next();
                        if (v is not null)
                        {
                            if (!isStatic)
                            {
                                item.ErrorAt(i, "track_group only applies to static addresses - ignoring");
                            }
                            else
                            {
                                result = result with { TrackGroup = v };
                            }
                        }

                        i += 2;
                        continue;
                    }

                case "home":
                    result = result with { Home = true };
                    break;
                case "-nodad":
                    result = result with { EnableDad = true };
                    break;
                case "mngtmpaddr":
                    result = result with { ManageTemporaryAddress = true };
                    break;
                case "noprefixroute":
                    result = result with { NoPrefixRoute = true };
                    break;
                case "autojoin":
                    result = result with { AutoJoin = true };
                    break;
                case "use_vmac":
                    result = result with { UseVmac = true };
                    break;
                case "no_track":
                    result = result with { NoTrack = true };
                    break;
                default:
                    item.ErrorAt(i, $"Unknown configuration entry '{w}' for ip address - ignoring");
                    break;
            }

            i++;
        }

        return result;
    }

    public static AddressScope? ParseScope(string text) => text switch
    {
        "global" or "0" => AddressScope.Global,
        "site" or "200" => AddressScope.Site,
        "link" or "253" => AddressScope.Link,
        "host" or "254" => AddressScope.Host,
        "nowhere" or "255" => AddressScope.Nowhere,
        _ => null,
    };

    public static IPAddress HostBitsApplied(IPAddress address, int prefix, bool set)
    {
        var bytes = address.GetAddressBytes();
        for (var bit = prefix; bit < bytes.Length * 8; bit++)
        {
            var mask = (byte)(0x80 >> (bit % 8));
            if (set)
            {
                bytes[bit / 8] |= mask;
            }
            else
            {
                bytes[bit / 8] &= (byte)~mask;
            }
        }

        return new IPAddress(bytes);
    }
}
