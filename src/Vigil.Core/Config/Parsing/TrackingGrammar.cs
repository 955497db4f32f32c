using System.Collections.Immutable;
using Vigil.Config.Model;
using static Vigil.Config.Parsing.Handlers;

namespace Vigil.Config.Parsing;

/// <summary>
/// Keyword tables of the tracking and grouping blocks: <c>vrrp_script</c>, <c>track_file</c>,
/// <c>vrrp_track_process</c>, <c>bfd_instance</c>, <c>vrrp_sync_group</c>, <c>garp_group</c>, <c>track_group</c>.
/// </summary>
internal static class TrackingGrammar
{
    public static KeywordTable<VrrpScriptConfig> VrrpScript()
    {
        var t = new KeywordTable<VrrpScriptConfig>("vrrp_script");
        t.Value("script", (ref VrrpScriptConfig s, KeywordArgs a) =>
        {
            if (ScriptParser.WholeLine(a) is { } sc)
            {
                a.Context.NoteScript(a.Location);
                s = s with { Script = sc with { User = s.Script?.User, Group = s.Script?.Group } };
            }
        }, 1);
        t.Value("interval", (ref VrrpScriptConfig s, KeywordArgs a) =>
        {
            if (a.TryTimer(0, 0.000001, 86400 * 365, out var v))
            {
                s = s with { Interval = v, Timeout = s.TimeoutConfigured ? s.Timeout : v };
            }
        }, 1);
        t.Value("timeout", (ref VrrpScriptConfig s, KeywordArgs a) =>
        {
            if (a.TryTimer(0, 0.000001, 86400 * 365, out var v))
            {
                s = s with { Timeout = v, TimeoutConfigured = true };
            }
        }, 1);
        t.Value("weight", (ref VrrpScriptConfig s, KeywordArgs a) =>
        {
            if (a.TryInt(0, -253, 253, out int w, report: false))
            {
                s = s with { Weight = w, Reverse = a.Count > 1 && a[1] == "reverse" };
            }
            else
            {
                a.Error($"vrrp script {s.Name} weight {a[0]} must be in [-253, 253]");
            }
        }, 1);
        t.Value("rise", Int<VrrpScriptConfig>(1, int.MaxValue, (s, n) => s with { Rise = n }), 1);
        t.Value("fall", Int<VrrpScriptConfig>(1, int.MaxValue, (s, n) => s with { Fall = n }), 1);
        t.Value("user", (ref VrrpScriptConfig s, KeywordArgs a) =>
        {
            var sc = s.Script ?? ScriptParser.Create(string.Empty, null, null, a.Location);
            s = s with { Script = sc with { User = a[0], Group = a.Count > 1 ? a[1] : null } };
        }, 1);
        t.Value("init_fail", Set<VrrpScriptConfig>(s => s with { InitFail = true }));
        return t;
    }

    public static KeywordTable<TrackFileConfig> TrackFile()
    {
        var t = new KeywordTable<TrackFileConfig>("track_file");
        t.Value("file", String<TrackFileConfig>((f, v) => f with { File = v }), 1);
        t.Value("weight", (ref TrackFileConfig f, KeywordArgs a) =>
        {
            if (a.TryInt(0, -2147483647L, 2147483647L, out long w))
            {
                f = f with { Weight = (int)w, Reverse = a.Count > 1 && a[1] == "reverse" };
            }
        }, 1);
        t.Value("init_file", (ref TrackFileConfig f, KeywordArgs a) =>
        {
            long value = 0;
            var overwrite = false;
            foreach (var w in a.From(0))
            {
                if (w == "overwrite")
                {
                    overwrite = true;
                }
                else if (!KeywordArgs.TryParseInteger(w, out value))
                {
                    a.Error($"track file {f.Name} init_file value '{w}' is invalid");
                    return;
                }
            }

            f = f with { InitFile = true, InitValue = value, InitOverwrite = overwrite };
        });
        return t;
    }

    public static KeywordTable<TrackProcessConfig> TrackProcess()
    {
        var t = new KeywordTable<TrackProcessConfig>("vrrp_track_process");
        t.Value("process", (ref TrackProcessConfig p, KeywordArgs a) =>
            p = p with { Process = a[0], Parameters = [.. a.From(1)] }, 1);
        t.Value("param_match", (ref TrackProcessConfig p, KeywordArgs a) =>
        {
            var m = a.Count == 0 ? ProcessParamMatch.Exact : a[0] switch
            {
                "initial" => ProcessParamMatch.Initial,
                "partial" => ProcessParamMatch.Partial,
                _ => (ProcessParamMatch)(-1),
            };
            if ((int)m < 0)
            {
                a.Error($"Unknown param_match type '{a[0]}' for track_process {p.Name}");
                return;
            }

            p = p with { ParamMatch = m, ParamMatchConfigured = true };
        });
        t.Value("weight", (ref TrackProcessConfig p, KeywordArgs a) =>
        {
            if (a.TryInt(0, -254, 254, out int w))
            {
                p = p with { Weight = w, Reverse = a.Count > 1 && a[1] == "reverse" };
            }
        }, 1);
        t.Value("quorum", Int<TrackProcessConfig>(0, 65535, (p, n) => p with { Quorum = n }), 1);
        t.Value("quorum_max", Int<TrackProcessConfig>(0, 65535, (p, n) => p with { QuorumMax = n }), 1);
        t.Value("fork_delay", Timer<TrackProcessConfig>(0, 65535, (p, d) => p with { ForkDelay = d }), 1);
        t.Value("terminate_delay", Timer<TrackProcessConfig>(0, 65535, (p, d) => p with { TerminateDelay = d }), 1);
        t.Value("delay", Timer<TrackProcessConfig>(0, 65535, (p, d) => p with { ForkDelay = d, TerminateDelay = d }), 1);
        t.Value("full_command", Set<TrackProcessConfig>(p => p with { FullCommand = true }));
        return t;
    }

    public static KeywordTable<BfdInstanceConfig> BfdInstance()
    {
        var t = new KeywordTable<BfdInstanceConfig>("bfd_instance");
        ValueHandler<BfdInstanceConfig> neighbor = (ref BfdInstanceConfig b, KeywordArgs a) =>
        {
            if (a.TryAddress(0, out var ip, report: false))
            {
                b = b with { Neighbor = ip };
            }
            else
            {
                a.Error($"Configuration error: BFD instance {b.Name} has malformed neighbor address {a[0]}, ignoring instance");
            }
        };
        t.Value("neighbor_ip", neighbor, 1);
        t.Value("neighbour_ip", neighbor, 1);
        t.Value("source_ip", (ref BfdInstanceConfig b, KeywordArgs a) =>
        {
            if (a.TryAddress(0, out var ip, report: false))
            {
                b = b with { Source = ip };
            }
            else
            {
                a.Error($"Configuration error: BFD instance {b.Name} has malformed source address {a[0]}, ignoring");
            }
        }, 1);
        t.Value("min_rx", BfdMillis((b, v) => b with { MinRx = v }), 1);
        t.Value("min_tx", BfdMillis((b, v) => b with { MinTx = v }), 1);
        t.Value("idle_tx", BfdMillis((b, v) => b with { IdleTx = v }), 1);
        t.Value("multiplier", Int<BfdInstanceConfig>(1, 255, (b, n) => b with { Multiplier = n }), 1);
        t.Value("passive", Set<BfdInstanceConfig>(b => b with { Passive = true }));
        t.Value("ttl", Int<BfdInstanceConfig>(1, 255, (b, n) => b with { Ttl = n }), 1);
        t.Value("hoplimit", Int<BfdInstanceConfig>(1, 255, (b, n) => b with { HopLimit = n }), 1);
        t.Value("max_hops", Int<BfdInstanceConfig>(0, 255, (b, n) => b with { MaxHops = n }), 1);
        t.Value("multihop", Set<BfdInstanceConfig>(b => b with { Multihop = true }));
        t.Value("weight", (ref BfdInstanceConfig b, KeywordArgs a) =>
        {
            if (a.TryInt(0, -253, 253, out int w))
            {
                b = b with { Weight = w, Reverse = a.Count > 1 && a[1] == "reverse" };
            }
        }, 1);
        // "vrrp"/"checker" restrict events to the named process(es): the first one given clears the other's default.
        t.Value("vrrp", Set<BfdInstanceConfig>(b => b.NotifyVrrp && b.NotifyChecker ? b with { NotifyChecker = false } : b with { NotifyVrrp = true }));
        t.Value("checker", Set<BfdInstanceConfig>(b => b.NotifyVrrp && b.NotifyChecker ? b with { NotifyVrrp = false } : b with { NotifyChecker = true }));
        return t;
    }

    private static ValueHandler<BfdInstanceConfig> BfdMillis(Func<BfdInstanceConfig, TimeSpan, BfdInstanceConfig> set) =>
        (ref BfdInstanceConfig b, KeywordArgs a) =>
        {
            if (KeywordArgs.TryParseDecimal(a[0], 3, out var micro, out _) && micro is > 0 and <= 4_294_967_295L)
            {
                b = set(b, TimeSpans.FromMicroseconds(micro));
            }
            else
            {
                a.Error($"Configuration error: BFD instance {b.Name} {a.Keyword} value {a[0]} is not valid, ignoring");
            }
        };

    public static KeywordTable<VrrpSyncGroupConfig> SyncGroup()
    {
        var t = new KeywordTable<VrrpSyncGroupConfig>("vrrp_sync_group");
        t.List("group", (ref VrrpSyncGroupConfig g, KeywordArgs h, IReadOnlyList<KeywordArgs> items) =>
            g = g with { Instances = g.Instances.AddRange(items.Where(i => !i.Line.IsOpenBrace && !i.Line.IsCloseBrace).Select(i => i.Keyword)) });
        t.List("track_interface", (ref VrrpSyncGroupConfig g, KeywordArgs h, IReadOnlyList<KeywordArgs> items) =>
            g = g with { TrackInterfaces = g.TrackInterfaces.AddRange(TrackRefParser.Parse(items, g.Name, -253, 253, "track_interface")) });
        t.List("track_script", (ref VrrpSyncGroupConfig g, KeywordArgs h, IReadOnlyList<KeywordArgs> items) =>
            g = g with { TrackScripts = g.TrackScripts.AddRange(TrackRefParser.Parse(items, g.Name, -253, 253, "track_script")) });
        t.List("track_file", (ref VrrpSyncGroupConfig g, KeywordArgs h, IReadOnlyList<KeywordArgs> items) =>
            g = g with { TrackFiles = g.TrackFiles.AddRange(TrackRefParser.Parse(items, g.Name, -254, 254, "track_file")) });
        t.List("track_process", (ref VrrpSyncGroupConfig g, KeywordArgs h, IReadOnlyList<KeywordArgs> items) =>
            g = g with { TrackProcesses = g.TrackProcesses.AddRange(TrackRefParser.Parse(items, g.Name, -254, 254, "track_process")) });
        t.List("track_bfd", (ref VrrpSyncGroupConfig g, KeywordArgs h, IReadOnlyList<KeywordArgs> items) =>
            g = g with { TrackBfds = g.TrackBfds.AddRange(TrackRefParser.Parse(items, g.Name, -253, 253, "track_bfd")) });
        t.Value("notify_master", Script<VrrpSyncGroupConfig>((g, s) => g with { Notify = g.Notify with { Master = s } }));
        t.Value("notify_backup", Script<VrrpSyncGroupConfig>((g, s) => g with { Notify = g.Notify with { Backup = s } }));
        t.Value("notify_fault", Script<VrrpSyncGroupConfig>((g, s) => g with { Notify = g.Notify with { Fault = s } }));
        t.Value("notify_stop", Script<VrrpSyncGroupConfig>((g, s) => g with { Notify = g.Notify with { Stop = s } }));
        t.Value("notify", Script<VrrpSyncGroupConfig>((g, s) => g with { Notify = g.Notify with { Notify = s } }));
        t.Value("notify_priority_changes", Bool<VrrpSyncGroupConfig>((g, b) => g with { NotifyPriorityChanges = b }));
        t.Value("smtp_alert", Bool<VrrpSyncGroupConfig>((g, b) => g with { SmtpAlert = b }));
        t.Value("global_tracking", Set<VrrpSyncGroupConfig>(g => g with { GlobalTracking = true }));
        t.Value("sync_group_tracking_weight", Set<VrrpSyncGroupConfig>(g => g with { SyncGroupTrackingWeight = true }));
        return t;
    }

    public static KeywordTable<GarpGroupConfig> GarpGroup()
    {
        var t = new KeywordTable<GarpGroupConfig>("garp_group");
        t.Value("garp_interval", Timer<GarpGroupConfig>(0, 1, (g, v) => g with { GarpInterval = v }), 1);
        t.Value("gna_interval", Timer<GarpGroupConfig>(0, 1, (g, v) => g with { GnaInterval = v }), 1);
        t.Value("interface", (ref GarpGroupConfig g, KeywordArgs a) => g = g with { Interfaces = g.Interfaces.Add(a[0]) }, 1);
        t.List("interfaces", (ref GarpGroupConfig g, KeywordArgs h, IReadOnlyList<KeywordArgs> items) =>
            g = g with { Interfaces = g.Interfaces.AddRange(items.Where(i => !i.Line.IsOpenBrace && !i.Line.IsCloseBrace).Select(i => i.Keyword)) });
        return t;
    }

    /// <summary>Mutable state of a <c>track_group</c> block.</summary>
    internal sealed class TrackGroupBuilder
    {
        public List<string> Instances { get; } = [];
    }

    public static KeywordTable<TrackGroupBuilder> TrackGroup()
    {
        var t = new KeywordTable<TrackGroupBuilder>("track_group");
        t.List("group", (ref TrackGroupBuilder b, KeywordArgs h, IReadOnlyList<KeywordArgs> items) =>
            b.Instances.AddRange(items.Where(i => !i.Line.IsOpenBrace && !i.Line.IsCloseBrace).Select(i => i.Keyword)));
        return t;
    }

    public static ImmutableArray<string> Names(IReadOnlyList<KeywordArgs> items) =>
        [.. items.Where(i => !i.Line.IsOpenBrace && !i.Line.IsCloseBrace).Select(i => i.Keyword)];
}
