using System.Collections.Immutable;
using System.Globalization;
using Vigil.Config.Model;
using static Vigil.Config.Parsing.Handlers;
using RS = Vigil.Config.Model.RealServerConfig;

namespace Vigil.Config.Parsing;

/// <summary>Keyword tables of the checker blocks of a <c>real_server</c>.</summary>
internal static class CheckerGrammar
{
    public static void AddCheckers(KeywordTable<RS> rs)
    {
        Add(rs, "TCP_CHECK", Connection(new KeywordTable<TcpCheckConfig>("TCP_CHECK")), () => new TcpCheckConfig());
        Add(rs, "HTTP_GET", Http(new KeywordTable<HttpGetCheckConfig>("HTTP_GET")), () => new HttpGetCheckConfig());
        Add(rs, "SSL_GET", Http(new KeywordTable<HttpGetCheckConfig>("SSL_GET")), () => new HttpGetCheckConfig { UseTls = true });
        Add(rs, "SMTP_CHECK", Smtp(), () => new SmtpCheckConfig());
        Add(rs, "DNS_CHECK", Dns(), () => new DnsCheckConfig());
        Add(rs, "MISC_CHECK", Misc(), () => new MiscCheckConfig());
        Add(rs, "UDP_CHECK", Udp(), () => new UdpCheckConfig());
        Add(rs, "PING_CHECK", Connection(new KeywordTable<PingCheckConfig>("PING_CHECK")), () => new PingCheckConfig());
        Add(rs, "FILE_CHECK", File(), () => new FileCheckConfig());
        Add(rs, "BFD_CHECK", Bfd(), () => new BfdCheckConfig());
    }

    private static void Add<T>(KeywordTable<RS> rs, string keyword, KeywordTable<T> table, Func<T> create)
        where T : CheckerConfig =>
        rs.Block(keyword, table, (r, h) => create() with { Location = h.Location } as T, (ref RS r, T c, KeywordArgs h) =>
            r = r with { Checkers = r.Checkers.Add(c) });

    private static T Mark<T>(T c, LbExplicit flag)
        where T : CheckerConfig => (T)(c with { Explicit = c.Explicit | flag });

    /// <summary>The options every checker except MISC_CHECK, FILE_CHECK and BFD_CHECK has.</summary>
    private static KeywordTable<T> Connection<T>(KeywordTable<T> t)
        where T : CheckerConfig
    {
        t.Value("connect_ip", (ref T c, KeywordArgs a) =>
        {
            if (a.TryAddress(0, out var ip))
            {
                c = (T)(c with { ConnectIp = ip });
            }
        }, 1);
        t.Value("connect_port", (ref T c, KeywordArgs a) =>
        {
            if (a.TryPort(0, out var p))
            {
                c = (T)(c with { ConnectPort = p });
            }
        }, 1);
        t.Value("bindto", (ref T c, KeywordArgs a) =>
        {
            if (a.TryAddress(0, out var ip))
            {
                c = (T)(c with { BindTo = ip });
            }
        }, 1);
        t.Value("bind_if", (ref T c, KeywordArgs a) => c = (T)(c with { BindInterface = a[0] }), 1);
        t.Value("bind_port", (ref T c, KeywordArgs a) =>
        {
            if (a.TryPort(0, out var p))
            {
                c = (T)(c with { BindPort = p });
            }
        }, 1);
        t.Value("fwmark", (ref T c, KeywordArgs a) =>
        {
            if (a.TryInt(0, 0L, uint.MaxValue, out long m))
            {
                c = (T)(c with { FwMark = (uint)m });
            }
        }, 1);
        t.Value("connect_timeout", (ref T c, KeywordArgs a) =>
        {
            if (a.TryTimer(0, 0.000001, 86400, out var v))
            {
                c = Mark((T)(c with { ConnectTimeout = v }), LbExplicit.ConnectTimeout);
            }
        }, 1);
        return Common(t);
    }

    /// <summary>Options every checker with timing has (MISC_CHECK has only these).</summary>
    private static KeywordTable<T> Common<T>(KeywordTable<T> t)
        where T : CheckerConfig
    {
        t.Value("retry", (ref T c, KeywordArgs a) =>
        {
            if (a.TryInt(0, 0, int.MaxValue, out int n))
            {
                c = Mark((T)(c with { Retry = n }), LbExplicit.Retry);
            }
        }, 1);
        t.Value("delay_before_retry", (ref T c, KeywordArgs a) =>
        {
            if (a.TryTimer(0, 0, 86400, out var v))
            {
                c = Mark((T)(c with { DelayBeforeRetry = v }), LbExplicit.DelayBeforeRetry);
            }
        }, 1);
        t.Value("warmup", (ref T c, KeywordArgs a) =>
        {
            if (a.TryTimer(0, 0, 86400, out var v))
            {
                c = Mark((T)(c with { Warmup = v }), LbExplicit.Warmup);
            }
        }, 1);
        t.Value("delay_loop", (ref T c, KeywordArgs a) =>
        {
            if (a.TryTimer(0, 0.000001, 86400, out var v))
            {
                c = Mark((T)(c with { DelayLoop = v }), LbExplicit.DelayLoop);
            }
        }, 1);
        t.Value("alpha", (ref T c, KeywordArgs a) =>
        {
            if (a.OptionalBool() is { } b)
            {
                c = Mark((T)(c with { Alpha = b }), LbExplicit.Alpha);
            }
        });
        t.Value("log_all_failures", (ref T c, KeywordArgs a) =>
        {
            if (a.OptionalBool() is { } b)
            {
                c = Mark((T)(c with { LogAllFailures = b }), LbExplicit.LogAllFailures);
            }
        });
        return t;
    }

    private static KeywordTable<HttpGetCheckConfig> Http(KeywordTable<HttpGetCheckConfig> t)
    {
        Connection(t);
        t.Value("nb_get_retry", (ref HttpGetCheckConfig c, KeywordArgs a) =>
        {
            a.Error("nb_get_retry is deprecated - please use 'retry'");
            if (a.TryInt(0, 0, int.MaxValue, out int n))
            {
                c = Mark(c with { Retry = n }, LbExplicit.Retry);
            }
        }, 1);
        t.Value("http_protocol", (ref HttpGetCheckConfig c, KeywordArgs a) =>
        {
            HttpProtocolVersion? v = a[0] switch
            {
                "1.0" => HttpProtocolVersion.Http10,
                "1.0C" or "1.0c" => HttpProtocolVersion.Http10Close,
                "1.1" => HttpProtocolVersion.Http11,
                _ => null,
            };
            if (v is null)
            {
                a.Error($"Invalid http_protocol {a[0]} specified", "1.0, 1.0C or 1.1");
                return;
            }

            c = c with { HttpProtocol = v.Value };
        }, 1);
        t.Value("virtualhost", String<HttpGetCheckConfig>((c, s) => Mark(c with { VirtualHost = s }, LbExplicit.VirtualHost)), 1);
        t.Value("fast_recovery", Bool<HttpGetCheckConfig>((c, b) => c with { FastRecovery = b }));
        t.Value("enable_sni", Bool<HttpGetCheckConfig>((c, b) => c with { EnableSni = b }));
        t.Value("sni_name", String<HttpGetCheckConfig>((c, s) => c with { SniName = s }), 1);
        t.Value("tls_compliant", Bool<HttpGetCheckConfig>((c, b) => c with { TlsCompliant = b }));
        t.Block("url", Url(), (c, h) => new UrlConfig { Location = h.Location }, (ref HttpGetCheckConfig c, UrlConfig u, KeywordArgs h) =>
        {
            c = c with { Urls = c.Urls.Add(u) };
        });
        return t;
    }

    private static KeywordTable<UrlConfig> Url()
    {
        var t = new KeywordTable<UrlConfig>("url");
        t.Value("path", String<UrlConfig>((u, s) => u with { Path = s }), 1);
        t.Value("digest", (ref UrlConfig u, KeywordArgs a) =>
        {
            var d = a[0];
            if (d.Length != 32 || !d.All(Uri.IsHexDigit))
            {
                a.Error($"digest '{d}' is not a valid MD5 digest (32 hex digits) - ignoring");
                return;
            }

            u = u with { Digest = d.ToLowerInvariant() };
        }, 1);
        t.Value("status_code", (ref UrlConfig u, KeywordArgs a) =>
        {
            var ranges = ImmutableArray.CreateBuilder<StatusCodeRange>();
            foreach (var w in a.From(0))
            {
                var parts = w.Split('-');
                if (parts.Length is 1 or 2 &&
                    int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var lo) &&
                    (parts.Length == 1 || int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out _)) &&
                    lo is >= 100 and <= 999)
                {
                    var hi = parts.Length == 2 ? int.Parse(parts[1], CultureInfo.InvariantCulture) : lo;
                    if (hi is >= 100 and <= 999 && hi >= lo)
                    {
                        ranges.Add(new StatusCodeRange(lo, hi));
                        continue;
                    }
                }

                a.Error($"Invalid HTTP_GET status code '{w}' - ignoring");
            }

            if (ranges.Count > 0)
            {
                u = u with { StatusCodes = ranges.ToImmutable() };
            }
        }, 1);
        t.Value("virtualhost", String<UrlConfig>((u, s) => u with { VirtualHost = s }), 1);
        t.Value("regex", (ref UrlConfig u, KeywordArgs a) => u = u with { Regex = a.Rest() }, 1);
        t.Value("regex_no_match", Set<UrlConfig>(u => u with { RegexNoMatch = true }));
        t.Value("regex_options", (ref UrlConfig u, KeywordArgs a) => u = u with { RegexOptions = [.. a.From(0)] }, 1);
        t.Value("regex_stack", (ref UrlConfig u, KeywordArgs a) =>
        {
            if (a.Require(2) && a.TryInt(0, 0, int.MaxValue, out int start) && a.TryInt(1, 0, int.MaxValue, out int max))
            {
                u = u with { RegexStackStart = start, RegexStackMax = max };
            }
        }, 1);
        t.Value("regex_min_offset", Int<UrlConfig>(0, int.MaxValue, (u, n) => u with { RegexMinOffset = n }), 1);
        t.Value("regex_max_offset", Int<UrlConfig>(0, int.MaxValue, (u, n) => u with { RegexMaxOffset = n }), 1);
        t.Value("tls_compliant", Bool<UrlConfig>((u, b) => u with { TlsCompliant = b }));
        return t;
    }

    private static KeywordTable<SmtpCheckConfig> Smtp()
    {
        var t = Connection(new KeywordTable<SmtpCheckConfig>("SMTP_CHECK"));
        t.Value("helo_name", (ref SmtpCheckConfig c, KeywordArgs a) => c = c with { HeloName = a.Rest() }, 1);
        t.Block("host", SmtpHost(), (c, h) => new SmtpHostConfig { Location = h.Location }, (ref SmtpCheckConfig c, SmtpHostConfig host, KeywordArgs h) =>
        {
            h.Warning("SMTP_CHECK 'host' blocks are deprecated - please use separate SMTP_CHECKs");
            c = c with { Hosts = c.Hosts.Add(host) };
        });
        return t;
    }

    private static KeywordTable<SmtpHostConfig> SmtpHost()
    {
        var t = new KeywordTable<SmtpHostConfig>("host");
        t.Value("connect_ip", (ref SmtpHostConfig h, KeywordArgs a) =>
        {
            if (a.TryAddress(0, out var ip))
            {
                h = h with { ConnectIp = ip };
            }
        }, 1);
        t.Value("connect_port", (ref SmtpHostConfig h, KeywordArgs a) =>
        {
            if (a.TryPort(0, out var p))
            {
                h = h with { ConnectPort = p };
            }
        }, 1);
        t.Value("bindto", (ref SmtpHostConfig h, KeywordArgs a) =>
        {
            if (a.TryAddress(0, out var ip))
            {
                h = h with { BindTo = ip };
            }
        }, 1);
        t.Value("bind_if", String<SmtpHostConfig>((h, s) => h with { BindInterface = s }), 1);
        t.Value("bind_port", (ref SmtpHostConfig h, KeywordArgs a) =>
        {
            if (a.TryPort(0, out var p))
            {
                h = h with { BindPort = p };
            }
        }, 1);
        t.Value("fwmark", (ref SmtpHostConfig h, KeywordArgs a) =>
        {
            if (a.TryInt(0, 0L, uint.MaxValue, out long m))
            {
                h = h with { FwMark = (uint)m };
            }
        }, 1);
        t.Value("connect_timeout", Timer<SmtpHostConfig>(0.000001, 86400, (h, v) => h with { ConnectTimeout = v }), 1);
        return t;
    }

    private static KeywordTable<DnsCheckConfig> Dns()
    {
        var t = Connection(new KeywordTable<DnsCheckConfig>("DNS_CHECK"));
        t.Value("type", (ref DnsCheckConfig c, KeywordArgs a) =>
        {
            var type = a[0].ToUpperInvariant();
            if (type is not ("A" or "NS" or "CNAME" or "SOA" or "MX" or "TXT" or "AAAA"))
            {
                a.Error($"Unknown DNS check type {a[0]} - defaulting to SOA");
                return;
            }

            c = c with { Type = type };
        }, 1);
        t.Value("name", String<DnsCheckConfig>((c, s) => c with { Name = s }), 1);
        return t;
    }

    private static KeywordTable<MiscCheckConfig> Misc()
    {
        var t = Common(new KeywordTable<MiscCheckConfig>("MISC_CHECK"));
        t.Value("misc_path", (ref MiscCheckConfig c, KeywordArgs a) =>
        {
            if (ScriptParser.WholeLine(a) is { } s)
            {
                a.Context.NoteScript(a.Location);
                c = c with { Script = s with { User = c.Script?.User, Group = c.Script?.Group } };
            }
        }, 1);
        t.Value("misc_timeout", (ref MiscCheckConfig c, KeywordArgs a) =>
        {
            if (a.TryInt(0, 1, int.MaxValue, out int secs))
            {
                c = c with { Timeout = TimeSpan.FromSeconds(secs) };
            }
        }, 1);
        t.Value("misc_dynamic", Set<MiscCheckConfig>(c => c with { Dynamic = true }));
        t.Value("user", (ref MiscCheckConfig c, KeywordArgs a) =>
        {
            var s = c.Script ?? ScriptParser.Create(string.Empty, null, null, a.Location);
            c = c with { Script = s with { User = a[0], Group = a.Count > 1 ? a[1] : null } };
        }, 1);
        return t;
    }

    private static KeywordTable<UdpCheckConfig> Udp()
    {
        var t = Connection(new KeywordTable<UdpCheckConfig>("UDP_CHECK"));
        t.Value("payload", (ref UdpCheckConfig c, KeywordArgs a) =>
        {
            if (ParseHex(a.Rest(), allowWildcards: false, out var bytes, out _))
            {
                c = c with { Payload = bytes };
            }
            else
            {
                a.Error($"Invalid hex string for payload '{a.Rest()}'");
            }
        }, 1);
        t.Value("require_reply", (ref UdpCheckConfig c, KeywordArgs a) =>
        {
            if (a.Count == 0)
            {
                c = c with { RequireReply = true };
                return;
            }

            if (ParseHex(a.Rest(), allowWildcards: true, out var bytes, out var mask))
            {
                c = c with { RequireReply = true, ReplyPattern = bytes, ReplyMask = mask };
            }
            else
            {
                a.Error($"Invalid hex string for require_reply '{a.Rest()}'");
            }
        });
        t.Value("min_reply_length", Int<UdpCheckConfig>(0, 65535, (c, n) => c with { MinReplyLength = n }), 1);
        t.Value("max_reply_length", Int<UdpCheckConfig>(0, 65535, (c, n) => c with { MaxReplyLength = n }), 1);
        return t;
    }

    /// <summary>
    /// keepalived's free-format hex: groups separated by spaces; each group is read two digits at a time, an odd last
    /// digit being a byte of its own ("Ab12f 3" is AB 12 0F 03). X/x is a wildcard nibble in require_reply.
    /// </summary>
    public static bool ParseHex(string text, bool allowWildcards, out ImmutableArray<byte> bytes, out ImmutableArray<byte> mask)
    {
        var b = ImmutableArray.CreateBuilder<byte>();
        var m = ImmutableArray.CreateBuilder<byte>();
        foreach (var group in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            for (var i = 0; i < group.Length; i += 2)
            {
                var pair = group.Substring(i, Math.Min(2, group.Length - i));
                if (pair.Length == 1)
                {
                    pair = "0" + pair;
                }

                byte value = 0, mk = 0;
                foreach (var ch in pair)
                {
                    value <<= 4;
                    mk <<= 4;
                    if (Uri.IsHexDigit(ch))
                    {
                        value |= (byte)Convert.ToInt32(ch.ToString(), 16);
                        mk |= 0xf;
                    }
                    else if (!(allowWildcards && ch is 'x' or 'X'))
                    {
                        bytes = mask = [];
                        return false;
                    }
                }

                b.Add(value);
                m.Add(mk);
            }
        }

        bytes = b.ToImmutable();
        mask = m.ToImmutable();
        return true;
    }

    private static KeywordTable<FileCheckConfig> File()
    {
        var t = new KeywordTable<FileCheckConfig>("FILE_CHECK");
        t.Value("track_file", String<FileCheckConfig>((c, s) => c with { TrackFile = s }), 1);
        t.Value("weight", (ref FileCheckConfig c, KeywordArgs a) =>
        {
            if (a.TryInt(0, -2147483647L, 2147483647L, out long w))
            {
                c = c with { Weight = (int)w, Reverse = a.Count > 1 && a[1] == "reverse", WeightConfigured = true };
            }
        }, 1);
        return t;
    }

    private static KeywordTable<BfdCheckConfig> Bfd()
    {
        var t = new KeywordTable<BfdCheckConfig>("BFD_CHECK");
        t.Value("name", String<BfdCheckConfig>((c, s) => c with { Name = s }), 1);
        t.Value("alpha", (ref BfdCheckConfig c, KeywordArgs a) =>
        {
            if (a.OptionalBool() is { } b)
            {
                c = Mark(c with { Alpha = b }, LbExplicit.Alpha);
            }
        });
        return t;
    }
}
