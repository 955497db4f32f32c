using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Vigil.Checkers;
using Vigil.Config.Model;
using Vigil.Lb;
using CheckerKey = Vigil.Checkers.VirtualServiceKey;
using LbKey = Vigil.Lb.VirtualServiceKey;
using LbGroupEntry = Vigil.Lb.VirtualServerGroupEntry;

namespace Vigil.Runtime;

/// <summary>
/// Maps a validated <see cref="KeepalivedConfig"/> (VS → RS → checker inheritance already resolved by the validator)
/// to the checkers' <see cref="VirtualServerSettings"/> and the data plane's static service model. Pure: no I/O.
/// Whatever the configuration says that cannot be honoured is reported in <see cref="LbRuntimePlan.Unsupported"/>,
/// one line each, never silently dropped.
/// </summary>
public static class LbSettingsMapper
{
    public static LbRuntimePlan Map(KeepalivedConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var checkers = ImmutableArray.CreateBuilder<VirtualServerSettings>();
        var services = ImmutableArray.CreateBuilder<LbServicePlan>();
        var unsupported = ImmutableArray.CreateBuilder<string>();
        var seen = new HashSet<CheckerKey>();
        foreach (var vs in config.VirtualServers)
        {
            var key = LbKeyMap.CheckerKeyOf(vs);
            if (!seen.Add(key))
            {
                unsupported.Add($"virtual server {key} is configured twice - the second one is ignored");
                continue;
            }

            checkers.Add(MapChecker(vs, key, config, unsupported));
            services.Add(MapService(vs, key, config, unsupported));
        }

        var g = config.Global;
        LvsTimeouts? timeouts = g.LvsTimeouts is { } t
            ? new LvsTimeouts(Seconds(t.Tcp), Seconds(t.TcpFin), Seconds(t.Udp))
            : null;
        var sync = MapSyncDaemon(g);
        return new LbRuntimePlan(checkers.ToImmutable(), services.ToImmutable(), timeouts, sync, unsupported.ToImmutable());
    }

    /// <summary><c>lvs_sync_daemon</c> (its state is decided at run time, or by the VRRP instance it names), or null.</summary>
    public static LbSyncDaemonPlan? MapSyncDaemon(GlobalDefsConfig global)
    {
        ArgumentNullException.ThrowIfNull(global);
        return global.LvsSyncDaemon is { } d
            ? new LbSyncDaemonPlan(
                new SyncDaemon(
                    SyncDaemonState.Master,
                    d.Interface,
                    (uint)(d.SyncId ?? 0),
                    d.MaxLength is { } ml ? (ushort)ml : null,
                    (ushort)d.Port,
                    d.Ttl is { } ttl ? (byte)ttl : null,
                    d.Group),
                d.VrrpInstance)
            : null;
    }

    /// <summary>The checkers' view of one virtual server.</summary>
    public static VirtualServerSettings MapChecker(VirtualServerConfig vs, CheckerKey key, KeepalivedConfig config, ICollection<string> unsupported)
    {
        ArgumentNullException.ThrowIfNull(vs);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(unsupported);
        var noMail = config.Global.NoCheckerEmails;
        var servers = ImmutableArray.CreateBuilder<RealServerSettings>();
        foreach (var rs in vs.RealServers)
        {
            var checks = ImmutableArray.CreateBuilder<CheckerSettings>();
            foreach (var c in rs.Checkers)
            {
                checks.AddRange(MapCheckers(c, config, $"{key} real server [{rs.Address}]:{rs.Port}", unsupported));
            }

            servers.Add(new RealServerSettings
            {
                Address = rs.Address,
                Port = rs.Port,
                Weight = rs.Weight,
                Forwarding = Forwarding(rs.Forwarding),
                UpperThreshold = (int)Math.Min(rs.UpperThreshold, int.MaxValue),
                LowerThreshold = (int)Math.Min(rs.LowerThreshold, int.MaxValue),
                NotifyUp = Script(rs.NotifyUp),
                NotifyDown = Script(rs.NotifyDown),
                SmtpAlert = rs.SmtpAlert && !noMail,
                VirtualHost = rs.VirtualHost,
                InhibitOnFailure = rs.InhibitOnFailure,
                Alpha = rs.Alpha,
                ConnectTimeout = rs.ConnectTimeout,
                Retry = rs.Retry,
                DelayBeforeRetry = rs.DelayBeforeRetry,
                Warmup = rs.Warmup,
                DelayLoop = rs.DelayLoop,
                Checkers = checks.ToImmutable(),
            });
        }

        return new VirtualServerSettings
        {
            Key = key,
            InitialNotifies = config.Global.RsInitNotifies,
            Forwarding = Forwarding(vs.Forwarding),
            Quorum = vs.Quorum,
            Hysteresis = vs.Hysteresis,
            QuorumUp = Script(vs.QuorumUp),
            QuorumDown = Script(vs.QuorumDown),
            SorryServer = vs.SorryServer is { } s ? new SorryServerSettings(s.Address, s.Port, Forwarding(s.Forwarding)) : null,
            SorryServerInhibit = vs.SorryServer?.Inhibit ?? false,
            InhibitOnFailure = vs.InhibitOnFailure,
            Alpha = vs.Alpha,
            Omega = vs.Omega,
            HaSuspend = vs.HaSuspend && vs.Kind != VirtualServerKind.FwMark,
            SmtpAlert = vs.SmtpAlert && !noMail,
            VirtualHost = vs.VirtualHost,
            DelayLoop = vs.DelayLoop,
            ConnectTimeout = vs.ConnectTimeout,
            Retry = vs.Retry,
            DelayBeforeRetry = vs.DelayBeforeRetry,
            Warmup = vs.Warmup,
            RealServers = servers.ToImmutable(),
        };
    }

    /// <summary>The data plane's static view of one virtual server (settings and expanded keys, no destinations).</summary>
    public static LbServicePlan MapService(VirtualServerConfig vs, CheckerKey key, KeepalivedConfig config, ICollection<string> unsupported)
    {
        ArgumentNullException.ThrowIfNull(vs);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(unsupported);
        var flags = (vs.Flag1 ? SchedulerFlags.Flag1 : 0) | (vs.Flag2 ? SchedulerFlags.Flag2 : 0) | (vs.Flag3 ? SchedulerFlags.Flag3 : 0);
        var fwMarkFamily = FwMarkFamily(vs);
        var first = LbKeyMap.LbKeyOf(key, fwMarkFamily);
        var template = new VirtualService(
            first ?? LbKey.ForFwMark(uint.MaxValue, fwMarkFamily),
            vs.Scheduler,
            flags,
            vs.OnePacketScheduling,
            vs.PersistenceTimeout is { } pt ? (uint)Math.Max(1, Math.Round(pt.TotalSeconds)) : 0,
            vs.PersistenceGranularity is { } mask ? PrefixLength(mask) : null,
            vs.PersistenceEngine,
            []);
        ImmutableArray<LbKey> keys;
        if (first is not null)
        {
            keys = [first];
        }
        else
        {
            var group = config.VirtualServerGroups.FirstOrDefault(gr => gr.Name == vs.GroupName);
            var problems = new List<LbProblem>();
            var expanded = group is null
                ? []
                : VirtualServerGroup.Expand(group.Entries.Select(GroupEntry), template, LbKeyMap.LbProtocolOf(key.Protocol), vs.Port, fwMarkFamily, problems);
            foreach (var p in problems)
            {
                unsupported.Add($"virtual server {key}: {p.Message}");
            }

            keys = [.. expanded.Select(s => s.Key)];
            if (!keys.IsEmpty)
            {
                template = template with { Key = keys[0] };
            }
        }

        var addresses = keys.Where(k => !k.IsFwMark).Select(k => k.Address!).Distinct().ToImmutableArray();
        return new LbServicePlan(key, template, keys, addresses, vs.HaSuspend && !addresses.IsEmpty);
    }

    private static AddressFamily FwMarkFamily(VirtualServerConfig vs)
    {
        // keepalived takes a fwmark service's family from ip_family, else from its real servers.
        if (vs.Family == AddressFamily.InterNetwork && !vs.RealServers.IsEmpty &&
            vs.RealServers.All(r => r.Address.AddressFamily == AddressFamily.InterNetworkV6))
        {
            return AddressFamily.InterNetworkV6;
        }

        return vs.Family;
    }

    private static LbGroupEntry GroupEntry(Config.Model.VirtualServerGroupEntry e) =>
        e.FwMark is { } mark
            ? new LbGroupEntry.FwMark(mark, e.Family)
            : new LbGroupEntry.AddressRange(e.First!, e.Last ?? e.First!, e.Port);

    private static IEnumerable<CheckerSettings> MapCheckers(CheckerConfig c, KeepalivedConfig config, string where, ICollection<string> unsupported)
    {
        switch (c)
        {
            case TcpCheckConfig:
                yield return Common(new TcpCheckSettings(), c);
                break;
            case HttpGetCheckConfig h:
                var urls = ImmutableArray.CreateBuilder<HttpUrlSettings>();
                foreach (var u in h.Urls)
                {
                    if (u.RegexStackStart is not null || u.RegexStackMax is not null)
                    {
                        unsupported.Add($"{where}: {Keyword(c)} url {u.Path}: regex_stack is not needed by .NET regular expressions and is ignored");
                    }

                    urls.Add(new HttpUrlSettings
                    {
                        Path = u.Path,
                        Digest = u.Digest,
                        StatusCodes = [.. u.StatusCodes.Select(r => new Checkers.StatusCodeRange(r.First, r.Last))],
                        VirtualHost = u.VirtualHost,
                        Regex = u.Regex,
                        RegexNoMatch = u.RegexNoMatch,
                        RegexOptions = u.RegexOptions,
                        RegexMinOffset = u.RegexMinOffset ?? 0,
                        RegexMaxOffset = u.RegexMaxOffset ?? 0,
                    });
                }

                yield return Common(
                    new HttpGetSettings
                    {
                        UseSsl = h.UseTls,
                        HttpProtocol = (Checkers.HttpProtocolVersion)(int)h.HttpProtocol,
                        VirtualHost = h.VirtualHost,
                        FastRecovery = h.FastRecovery,
                        EnableSni = h.EnableSni,
                        SniName = h.SniName,
                        TlsCompliant = h.TlsCompliant || h.Urls.Any(u => u.TlsCompliant),
                        Urls = urls.ToImmutable(),
                        Ssl = h.UseTls && config.Ssl is { } ssl
                            ? new SslClientSettings { Password = ssl.Password, CertificateAuthorityFile = ssl.CaFile, CertificateFile = ssl.CertificateFile, KeyFile = ssl.KeyFile }
                            : null,
                    },
                    c);
                break;
            case SmtpCheckConfig s when !s.Hosts.IsEmpty:
                // Deprecated host { } blocks: each is checked, and the server is up only when every one answers.
                foreach (var host in s.Hosts)
                {
                    yield return Common(new SmtpCheckSettings { HeloName = s.HeloName }, c) with
                    {
                        ConnectIp = host.ConnectIp ?? c.ConnectIp,
                        ConnectPort = host.ConnectPort != 0 ? host.ConnectPort : c.ConnectPort,
                        BindTo = host.BindTo ?? c.BindTo,
                        BindInterface = host.BindInterface ?? c.BindInterface,
                        BindPort = host.BindPort != 0 ? host.BindPort : NullIfZero(c.BindPort),
                        FwMark = host.FwMark ?? c.FwMark,
                        ConnectTimeout = host.ConnectTimeout ?? c.ConnectTimeout,
                    };
                }

                break;
            case SmtpCheckConfig s:
                yield return Common(new SmtpCheckSettings { HeloName = s.HeloName }, c);
                break;
            case DnsCheckConfig d:
                if (!Enum.TryParse<DnsQueryType>(d.Type, ignoreCase: true, out var type) || !Enum.IsDefined(type) || int.TryParse(d.Type, out _))
                {
                    unsupported.Add($"{where}: DNS_CHECK type {d.Type} is not supported - using SOA");
                    type = DnsQueryType.SOA;
                }

                yield return Common(new DnsCheckSettings { Type = type, Name = d.Name }, c);
                break;
            case MiscCheckConfig m when m.Script is { } script:
                yield return Common(new MiscCheckSettings { Path = script.CommandLine, Timeout = m.Timeout, Dynamic = m.Dynamic, User = script.User, Group = script.Group }, c);
                break;
            case UdpCheckConfig u:
                yield return Common(
                    new UdpCheckSettings
                    {
                        Payload = u.Payload,
                        RequireReply = u.RequireReply,
                        ReplyPattern = u.ReplyPattern.IsDefaultOrEmpty ? null : Pattern(u.ReplyPattern, u.ReplyMask),
                        MinReplyLength = u.MinReplyLength,
                        MaxReplyLength = u.MaxReplyLength,
                    },
                    c);
                break;
            case PingCheckConfig:
                yield return Common(new PingCheckSettings(), c);
                break;
            case FileCheckConfig f:
                var file = config.TrackFiles.FirstOrDefault(t => t.Name == f.TrackFile)?.File;
                if (f.TrackFile is null || file is null)
                {
                    unsupported.Add($"{where}: FILE_CHECK track_file {f.TrackFile} has no file - checker ignored");
                    break;
                }

                yield return Common(new FileCheckSettings { TrackFile = f.TrackFile, Path = file, Weight = f.Weight, Reverse = f.Reverse }, c);
                break;
            default:
                unsupported.Add($"{where}: {Keyword(c)} is not supported yet - checker ignored (the server is judged by its other checkers)");
                break;
        }
    }

    private static T Common<T>(T s, CheckerConfig c)
        where T : CheckerSettings => s with
        {
            ConnectIp = c.ConnectIp,
            ConnectPort = c.ConnectPort,
            BindTo = c.BindTo,
            BindPort = NullIfZero(c.BindPort),
            BindInterface = c.BindInterface,
            FwMark = c.FwMark,
            ConnectTimeout = c.ConnectTimeout,
            Retry = c.Retry,
            DelayBeforeRetry = c.DelayBeforeRetry,
            Warmup = c.Warmup,
            DelayLoop = c.DelayLoop,
            Alpha = c.Alpha,
            LogAllFailures = c.LogAllFailures,
        };

    private static int? NullIfZero(ushort port) => port == 0 ? null : port;

    private static string Keyword(CheckerConfig c) => c.Kind switch
    {
        Config.Model.CheckerKind.TcpCheck => "TCP_CHECK",
        Config.Model.CheckerKind.HttpGet => "HTTP_GET",
        Config.Model.CheckerKind.SslGet => "SSL_GET",
        Config.Model.CheckerKind.SmtpCheck => "SMTP_CHECK",
        Config.Model.CheckerKind.DnsCheck => "DNS_CHECK",
        Config.Model.CheckerKind.MiscCheck => "MISC_CHECK",
        Config.Model.CheckerKind.UdpCheck => "UDP_CHECK",
        Config.Model.CheckerKind.PingCheck => "PING_CHECK",
        Config.Model.CheckerKind.FileCheck => "FILE_CHECK",
        _ => "BFD_CHECK",
    };

    private static HexPattern Pattern(ImmutableArray<byte> bytes, ImmutableArray<byte> mask)
    {
        const string Hex = "0123456789ABCDEF";
        var sb = new StringBuilder();
        for (var i = 0; i < bytes.Length; i++)
        {
            var m = i < mask.Length ? mask[i] : (byte)0xFF;
            sb.Append(i == 0 ? "" : " ")
              .Append((m & 0xF0) == 0 ? 'X' : Hex[bytes[i] >> 4])
              .Append((m & 0x0F) == 0 ? 'X' : Hex[bytes[i] & 0xF]);
        }

        return HexPattern.Parse(sb.ToString(), allowWildcards: true);
    }

    private static ForwardingSettings Forwarding(LvsForwardingConfig f) =>
        new((ForwardingMethod)(int)f.Method, (Checkers.TunnelType)(int)f.TunnelType, f.TunnelPort, (Checkers.TunnelChecksum)(int)f.TunnelChecksum);

    private static NotifyScript? Script(ScriptConfig? s) => s is null ? null : new NotifyScript(s.CommandLine, s.User, s.Group);

    private static uint? Seconds(TimeSpan? t) => t is { } v ? (uint)Math.Max(0, Math.Round(v.TotalSeconds)) : null;

    private static int PrefixLength(IPAddress mask)
    {
        var n = 0;
        foreach (var b in mask.GetAddressBytes())
        {
            for (var bit = 7; bit >= 0; bit--)
            {
                if ((b & (1 << bit)) == 0)
                {
                    return n;
                }

                n++;
            }
        }

        return n;
    }
}
