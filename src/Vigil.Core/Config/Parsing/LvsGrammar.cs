using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Vigil.Config.Model;
using static Vigil.Config.Parsing.Handlers;
using VS = Vigil.Config.Model.VirtualServerConfig;
using RS = Vigil.Config.Model.RealServerConfig;

namespace Vigil.Config.Parsing;

/// <summary>
/// Keyword tables of <c>virtual_server_group</c>, <c>virtual_server</c>, <c>real_server</c>, the checker blocks and
/// <c>SSL</c> (keepalived.conf(5) "LVS CONFIGURATION"; the per-block keyword sets are those keepalived 2.2.7 accepts).
/// </summary>
internal static class LvsGrammar
{
    private static readonly HashSet<string> s_schedulers = new(StringComparer.Ordinal)
    {
        "rr", "wrr", "lc", "wlc", "lblc", "sh", "mh", "dh", "fo", "ovf", "lblcr", "sed", "nq", "twos",
    };

    public static KeywordTable<VS> VirtualServer()
    {
        var t = new KeywordTable<VS>("virtual_server");
        ValueHandler<VS> sched = (ref VS v, KeywordArgs a) =>
        {
            if (!s_schedulers.Contains(a[0]))
            {
                a.Error($"Invalid lvs_scheduler '{a[0]}' - ignoring", "one of rr, wrr, lc, wlc, lblc, sh, mh, dh, fo, ovf, lblcr, sed, nq, twos");
                return;
            }

            v = v with { Scheduler = a[0], Explicit = v.Explicit | LbExplicit.Scheduler };
        };
        t.Value("lvs_sched", sched, 1);
        t.Value("lb_algo", sched, 1);
        t.Value("flag-1", Set<VS>(v => v with { Flag1 = true }));
        t.Value("flag-2", Set<VS>(v => v with { Flag2 = true }));
        t.Value("flag-3", Set<VS>(v => v with { Flag3 = true }));
        t.Value("sh-port", Set<VS>(v => v with { Flag2 = true }));
        t.Value("sh-fallback", Set<VS>(v => v with { Flag1 = true }));
        t.Value("mh-port", Set<VS>(v => v with { Flag2 = true }));
        t.Value("mh-fallback", Set<VS>(v => v with { Flag1 = true }));
        t.Value("ops", Set<VS>(v => v with { OnePacketScheduling = true }));
        t.Value("hashed", Set<VS>(v => v));
        ValueHandler<VS> method = (ref VS v, KeywordArgs a) =>
        {
            if (ParseMethod(a, "virtual server") is { } f)
            {
                v = v with { Forwarding = f, Explicit = v.Explicit | LbExplicit.Forwarding };
            }
        };
        t.Value("lvs_method", method, 1);
        t.Value("lb_kind", method, 1);
        t.Value("persistence_engine", String<VS>((v, s) => v with { PersistenceEngine = s }), 1);
        t.Value("persistence_timeout", (ref VS v, KeywordArgs a) =>
        {
            if (a.Count == 0)
            {
                v = v with { PersistenceTimeout = TimeSpan.FromSeconds(360) };
                return;
            }

            if (a.TryInt(0, 1, 2678400, out int secs))
            {
                v = v with { PersistenceTimeout = TimeSpan.FromSeconds(secs) };
            }
            else
            {
                a.Error("persistence_timeout invalid");
            }
        });
        t.Value("persistence_granularity", (ref VS v, KeywordArgs a) =>
        {
            if (AddressParser.TryParseAddress(a[0], out var mask) || (int.TryParse(a[0], NumberStyles.None, CultureInfo.InvariantCulture, out var plen) && plen <= 128 && (mask = PrefixMask(plen)) is not null))
            {
                v = v with { PersistenceGranularity = mask };
            }
            else
            {
                a.Error($"Invalid persistence_granularity '{a[0]}' - ignoring");
            }
        }, 1);
        t.Value("protocol", (ref VS v, KeywordArgs a) =>
        {
            IpvsProtocol? p = a[0].ToUpperInvariant() switch
            {
                "TCP" => IpvsProtocol.Tcp,
                "UDP" => IpvsProtocol.Udp,
                "SCTP" => IpvsProtocol.Sctp,
                _ => null,
            };
            if (p is null)
            {
                a.Error($"Unknown protocol {a[0]} - ignoring", "TCP, UDP or SCTP (upper case)");
                return;
            }

            v = v with { Protocol = p.Value, Explicit = v.Explicit | LbExplicit.Protocol };
        }, 1);
        // keepalived 2.2.7 ignores the value of these four at virtual server level (observed).
        t.Value("ha_suspend", LenientBool<VS>((v, b) => v with { HaSuspend = b }));
        t.Value("smtp_alert", Bool<VS>((v, b) => v with { SmtpAlert = b, Explicit = v.Explicit | LbExplicit.SmtpAlert }));
        t.Value("virtualhost", String<VS>((v, s) => v with { VirtualHost = s, Explicit = v.Explicit | LbExplicit.VirtualHost }), 1);
        t.Value("snmp_name", String<VS>((v, s) => v with { SnmpName = s }), 1);
        t.Value("alpha", LenientBool<VS>((v, b) => v with { Alpha = b, Explicit = v.Explicit | LbExplicit.Alpha }));
        t.Value("omega", LenientBool<VS>((v, b) => v with { Omega = b }));
        t.Value("quorum", (ref VS v, KeywordArgs a) =>
        {
            if (a.TryInt(0, 1, int.MaxValue, out int q, report: false))
            {
                v = v with { Quorum = q };
            }
            else
            {
                a.Error($"Quorum {a[0]} must be in [1, {int.MaxValue}]. Setting to 1.");
                v = v with { Quorum = 1 };
            }
        }, 1);
        t.Value("hysteresis", (ref VS v, KeywordArgs a) =>
        {
            if (a.TryInt(0, 0, int.MaxValue, out int h, report: false))
            {
                v = v with { Hysteresis = h };
            }
            else
            {
                a.Error($"Hysteresis {a[0]} must be in [0, {int.MaxValue}] - ignoring");
            }
        }, 1);
        t.Value("quorum_up", Script<VS>((v, s) => v with { QuorumUp = s }));
        t.Value("quorum_down", Script<VS>((v, s) => v with { QuorumDown = s }));
        t.Value("ip_family", (ref VS v, KeywordArgs a) =>
        {
            if (a[0] == "inet")
            {
                v = v with { Family = AddressFamily.InterNetwork };
            }
            else if (a[0] == "inet6")
            {
                v = v with { Family = AddressFamily.InterNetworkV6 };
            }
            else
            {
                a.Error($"unknown address family {a[0]}");
            }
        }, 1);
        t.Value("sorry_server", (ref VS v, KeywordArgs a) =>
        {
            if (!AddressParser.TryParseAddress(a[0], out var ip))
            {
                a.Error($"Invalid sorry server IP address {a[0]} - skipping");
                return;
            }

            ushort port = 0;
            if (a.Count > 1 && !a.TryPort(1, out port))
            {
                return;
            }

            var old = v.SorryServer;
            v = v with { SorryServer = new SorryServerConfig(ip, port) { Inhibit = old?.Inhibit ?? false, Forwarding = old?.Forwarding ?? v.Forwarding, Location = a.Location } };
        }, 1);
        t.Value("sorry_server_inhibit", Bool<VS>((v, b) => v with { SorryServer = (v.SorryServer ?? new SorryServerConfig(IPAddress.None, 0)) with { Inhibit = b } }));
        t.Value("sorry_server_lvs_method", (ref VS v, KeywordArgs a) =>
        {
            if (ParseMethod(a, "sorry server") is { } f)
            {
                v = v with { SorryServer = (v.SorryServer ?? new SorryServerConfig(IPAddress.None, 0)) with { Forwarding = f } };
            }
        }, 1);
        t.Value("connect_timeout", Timer<VS>(0.000001, 86400, (v, s) => v with { ConnectTimeout = s, Explicit = v.Explicit | LbExplicit.ConnectTimeout }), 1);
        t.Value("retry", Int<VS>(0, int.MaxValue, (v, n) => v with { Retry = n, Explicit = v.Explicit | LbExplicit.Retry }), 1);
        t.Value("delay_before_retry", Timer<VS>(0, 86400, (v, s) => v with { DelayBeforeRetry = s, Explicit = v.Explicit | LbExplicit.DelayBeforeRetry }), 1);
        t.Value("warmup", Timer<VS>(0, 86400, (v, s) => v with { Warmup = s, Explicit = v.Explicit | LbExplicit.Warmup }), 1);
        t.Value("delay_loop", (ref VS v, KeywordArgs a) =>
        {
            if (a.TryTimer(0, 0.000001, 86400, out var d, report: false))
            {
                v = v with { DelayLoop = d, Explicit = v.Explicit | LbExplicit.DelayLoop };
            }
            else
            {
                a.Error($"virtual server delay loop '{a[0]}' invalid - ignoring");
            }
        }, 1);
        t.Value("inhibit_on_failure", LenientBool<VS>((v, b) => v with { InhibitOnFailure = b, Explicit = v.Explicit | LbExplicit.InhibitOnFailure }));
        t.Value("weight", Int<VS>(0, 65535, (v, n) => v with { Weight = n, Explicit = v.Explicit | LbExplicit.Weight }), 1);
        t.Block("real_server", RealServer(), OpenRealServer, (ref VS v, RS rs, KeywordArgs h) => v = v with { RealServers = v.RealServers.Add(rs) });
        return t;
    }

    private static IPAddress? PrefixMask(int plen) => IpAddressEntryParser.HostBitsApplied(IPAddress.Broadcast, Math.Min(plen, 32), set: false);

    private static RS? OpenRealServer(VS vs, KeywordArgs a)
    {
        if (!a.Require(1))
        {
            return null;
        }

        if (!AddressParser.TryParseAddress(a[0], out var ip))
        {
            a.Error($"Invalid real server ip address/port {a[0]}/{(a.Count > 1 ? a[1] : string.Empty)} - skipping");
            return null;
        }

        ushort port = 0;
        var explicitPort = false;
        if (a.Count > 1)
        {
            if (!ushort.TryParse(a[1], NumberStyles.None, CultureInfo.InvariantCulture, out port))
            {
                a.Error($"Invalid real server ip address/port {a[0]}/{a[1]} - skipping");
                return null;
            }

            explicitPort = true;
        }

        return new RS { Address = ip, Port = port, Location = a.Location, Explicit = explicitPort ? LbExplicit.Port : LbExplicit.None };
    }

    public static LvsForwardingConfig? ParseMethod(KeywordArgs a, string what)
    {
        var f = a[0] switch
        {
            "NAT" => new LvsForwardingConfig(LvsMethod.Nat),
            "DR" => new LvsForwardingConfig(LvsMethod.DirectRouting),
            "TUN" => new LvsForwardingConfig(LvsMethod.Tunnel),
            _ => null,
        };
        if (f is null)
        {
            a.Error($"PARSER : unknown [{a[0]}] routing method for {what}.", "NAT, DR or TUN (upper case)");
            return null;
        }

        for (var i = 1; i < a.Count; i++)
        {
            var w = a[i];
            if (f.Method != LvsMethod.Tunnel)
            {
                a.ErrorAt(i, $"Unknown {a.Keyword} option '{w}' - ignoring");
                continue;
            }

            switch (w)
            {
                case "type" when i + 1 < a.Count:
                    i++;
                    switch (a[i])
                    {
                        case "ipip":
                            f = f with { TunnelType = TunnelType.Ipip };
                            break;
                        case "gre":
                            f = f with { TunnelType = TunnelType.Gre };
                            break;
                        case "gue":
                            f = f with { TunnelType = TunnelType.Gue };
                            if (i + 2 < a.Count && a[i + 1] == "port" && a.TryPort(i + 2, out var p))
                            {
                                f = f with { TunnelPort = p };
                                i += 2;
                            }
                            else
                            {
                                a.ErrorAt(i, "GUE tunnel requires a port");
                            }

                            break;
                        default:
                            a.ErrorAt(i, $"Unknown tunnel type '{a[i]}'");
                            break;
                    }

                    break;
                case "nocsum":
                    f = f with { TunnelChecksum = TunnelChecksum.NoChecksum };
                    break;
                case "csum":
                    f = f with { TunnelChecksum = TunnelChecksum.Checksum };
                    break;
                case "remcsum":
                    f = f with { TunnelChecksum = TunnelChecksum.RemoteChecksum };
                    break;
                default:
                    a.ErrorAt(i, $"Unknown {a.Keyword} option '{w}' - ignoring");
                    break;
            }
        }

        return f;
    }

    public static KeywordTable<RS> RealServer()
    {
        var t = new KeywordTable<RS>("real_server");
        t.Value("weight", (ref RS r, KeywordArgs a) =>
        {
            if (a.TryInt(0, 0, 65535, out int w))
            {
                r = r with { Weight = w, Explicit = r.Explicit | LbExplicit.Weight };
            }
        }, 1);
        t.Value("lvs_method", (ref RS r, KeywordArgs a) =>
        {
            if (ParseMethod(a, "real server") is { } f)
            {
                r = r with { Forwarding = f, Explicit = r.Explicit | LbExplicit.Forwarding };
            }
        }, 1);
        t.Value("notify_up", Script<RS>((r, s) => r with { NotifyUp = s }));
        t.Value("notify_down", Script<RS>((r, s) => r with { NotifyDown = s }));
        t.Value("uthreshold", (ref RS r, KeywordArgs a) =>
        {
            if (a.TryInt(0, 0L, uint.MaxValue, out long n))
            {
                r = r with { UpperThreshold = (uint)n };
            }
        }, 1);
        t.Value("lthreshold", (ref RS r, KeywordArgs a) =>
        {
            if (a.TryInt(0, 0L, uint.MaxValue, out long n))
            {
                r = r with { LowerThreshold = (uint)n };
            }
        }, 1);
        t.Value("smtp_alert", Bool<RS>((r, b) => r with { SmtpAlert = b, Explicit = r.Explicit | LbExplicit.SmtpAlert }));
        t.Value("virtualhost", String<RS>((r, s) => r with { VirtualHost = s, Explicit = r.Explicit | LbExplicit.VirtualHost }), 1);
        t.Value("snmp_name", String<RS>((r, s) => r with { SnmpName = s }), 1);
        t.Value("alpha", Bool<RS>((r, b) => r with { Alpha = b, Explicit = r.Explicit | LbExplicit.Alpha }));
        t.Value("connect_timeout", Timer<RS>(0.000001, 86400, (r, s) => r with { ConnectTimeout = s, Explicit = r.Explicit | LbExplicit.ConnectTimeout }), 1);
        t.Value("retry", Int<RS>(0, int.MaxValue, (r, n) => r with { Retry = n, Explicit = r.Explicit | LbExplicit.Retry }), 1);
        t.Value("delay_before_retry", Timer<RS>(0, 86400, (r, s) => r with { DelayBeforeRetry = s, Explicit = r.Explicit | LbExplicit.DelayBeforeRetry }), 1);
        t.Value("warmup", Timer<RS>(0, 86400, (r, s) => r with { Warmup = s, Explicit = r.Explicit | LbExplicit.Warmup }), 1);
        t.Value("delay_loop", Timer<RS>(0.000001, 86400, (r, s) => r with { DelayLoop = s, Explicit = r.Explicit | LbExplicit.DelayLoop }), 1);
        t.Value("inhibit_on_failure", Bool<RS>((r, b) => r with { InhibitOnFailure = b, Explicit = r.Explicit | LbExplicit.InhibitOnFailure }));
        CheckerGrammar.AddCheckers(t);
        return t;
    }

    /// <summary>The items of <c>virtual_server_group NAME { ... }</c>.</summary>
    public static ImmutableArray<VirtualServerGroupEntry> GroupEntries(string name, IReadOnlyList<KeywordArgs> items)
    {
        var entries = ImmutableArray.CreateBuilder<VirtualServerGroupEntry>();
        foreach (var item in items)
        {
            if (item.Line.IsOpenBrace || item.Line.IsCloseBrace)
            {
                item.Error($"Virtual server group {name}: unexpected '{item.Keyword}' - ignoring");
                continue;
            }

            if (item.Keyword == "fwmark")
            {
                if (!item.TryInt(0, 1L, uint.MaxValue, out long mark))
                {
                    continue;
                }

                AddressFamily? fam = null;
                if (item.Count > 1)
                {
                    fam = item[1] switch
                    {
                        "inet" => AddressFamily.InterNetwork,
                        "inet6" => AddressFamily.InterNetworkV6,
                        _ => null,
                    };
                    if (fam is null)
                    {
                        item.ErrorAt(1, $"unknown address family {item[1]}");
                    }
                }

                entries.Add(new VirtualServerGroupEntry { FwMark = (uint)mark, Family = fam, Location = item.Location });
                continue;
            }

            if (!TryParseRange(item.Keyword, out var first, out var last, out var error))
            {
                item.Error(error);
                continue;
            }

            ushort port = 0;
            if (item.Count > 0 && !item.TryPort(0, out port))
            {
                continue;
            }

            entries.Add(new VirtualServerGroupEntry { First = first, Last = last, Port = port, Location = item.Location });
        }

        return entries.ToImmutable();
    }

    /// <summary>Parses <c>ADDR</c>, <c>A.B.C.D-E</c>, <c>ADDR-ADDR</c> or <c>ADDR/nn</c> into an inclusive range.</summary>
    public static bool TryParseRange(string text, out IPAddress first, out IPAddress last, out string error)
    {
        first = last = IPAddress.None;
        error = string.Empty;
        var slash = text.IndexOf('/');
        if (slash > 0)
        {
            if (!AddressParser.TryParsePrefix(text, out var net, out var plen, out var bad) || bad)
            {
                error = $"Invalid virtual server group IP address/prefix '{text}'";
                return false;
            }

            first = IpAddressEntryParser.HostBitsApplied(net, plen, set: false);
            last = IpAddressEntryParser.HostBitsApplied(net, plen, set: true);
            return true;
        }

        var dash = text.IndexOf('-');
        if (dash < 0)
        {
            if (!AddressParser.TryParseAddress(text, out first))
            {
                error = $"Invalid virtual server group IP address '{text}'";
                return false;
            }

            last = first;
            return true;
        }

        if (!AddressParser.TryParseAddress(text.AsSpan(0, dash), out first))
        {
            error = $"Invalid virtual server group IP address range '{text}'";
            return false;
        }

        var tail = text[(dash + 1)..];
        if (AddressParser.TryParseAddress(tail, out last))
        {
            if (last.AddressFamily != first.AddressFamily || Compare(first, last) > 0)
            {
                error = $"Invalid virtual server group IP address range '{text}'";
                return false;
            }

            return true;
        }

        // A.B.C.D-E (IPv4: last octet; IPv6: last hextet in hex).
        var v6 = first.AddressFamily == AddressFamily.InterNetworkV6;
        var digits = 0;
        while (digits < tail.Length && (v6 ? Uri.IsHexDigit(tail[digits]) : char.IsAsciiDigit(tail[digits])))
        {
            digits++;
        }

        if (digits == 0 || digits < tail.Length)
        {
            error = digits == 0
                ? $"Invalid virtual server group IP address range '{text}'"
                : $"Virtual server group range '{text}' has extra characters at end '{tail[digits..]}'";
            return false;
        }

        var end = int.Parse(tail, v6 ? NumberStyles.HexNumber : NumberStyles.None, CultureInfo.InvariantCulture);
        var bytes = first.GetAddressBytes();
        if (v6)
        {
            var startPart = (bytes[14] << 8) | bytes[15];
            if (end > 0xffff || end < startPart)
            {
                error = $"Invalid virtual server group IP address range '{text}'";
                return false;
            }

            bytes[14] = (byte)(end >> 8);
            bytes[15] = (byte)end;
        }
        else
        {
            if (end > 255 || end < bytes[3])
            {
                error = $"Invalid virtual server group IP address range '{text}'";
                return false;
            }

            bytes[3] = (byte)end;
        }

        last = new IPAddress(bytes);
        return true;
    }

    private static int Compare(IPAddress a, IPAddress b)
    {
        var x = a.GetAddressBytes();
        var y = b.GetAddressBytes();
        for (var i = 0; i < x.Length; i++)
        {
            if (x[i] != y[i])
            {
                return x[i].CompareTo(y[i]);
            }
        }

        return 0;
    }

    public static KeywordTable<SslConfig> Ssl()
    {
        var t = new KeywordTable<SslConfig>("SSL");
        t.Value("password", (ref SslConfig s, KeywordArgs a) =>
        {
            if (s.Password is not null)
            {
                a.Error("SSL password already specified - replacing");
            }

            s = s with { Password = a[0] };
        }, 1);
        t.Value("ca", String<SslConfig>((s, v) => s with { CaFile = v }), 1);
        t.Value("certificate", String<SslConfig>((s, v) => s with { CertificateFile = v }), 1);
        t.Value("key", String<SslConfig>((s, v) => s with { KeyFile = v }), 1);
        return t;
    }
}
