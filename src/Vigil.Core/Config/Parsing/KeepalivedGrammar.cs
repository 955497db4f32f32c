using System.Globalization;
using System.Net;
using Vigil.Config.Model;

namespace Vigil.Config.Parsing;

/// <summary>
/// The whole keyword tree: the root table and, through it, every block's table. Built once per parse (tables
/// are cheap) so that handlers can close over nothing but their arguments.
/// </summary>
internal static class KeepalivedGrammar
{
    public static KeywordTable<RootBuilder> Create(ParseContext context)
    {
        var global = GlobalDefsGrammar.Create();
        var vrrp = VrrpInstanceGrammar.Create();
        var script = TrackingGrammar.VrrpScript();
        var trackFile = TrackingGrammar.TrackFile();
        var process = TrackingGrammar.TrackProcess();
        var bfd = TrackingGrammar.BfdInstance();
        var sync = TrackingGrammar.SyncGroup();
        var garp = TrackingGrammar.GarpGroup();
        var trackGroup = TrackingGrammar.TrackGroup();
        var vs = LvsGrammar.VirtualServer();
        var ssl = LvsGrammar.Ssl();

        var t = new KeywordTable<RootBuilder>("the top level");
        t.Block("global_defs", global, (r, h) => r.Global, (ref RootBuilder r, GlobalDefsConfig g, KeywordArgs h) => r.Global = g);

        // Root-level settings (outside any block).
        t.Value("net_namespace", (ref RootBuilder r, KeywordArgs a) =>
        {
            if (r.Global.NetNamespace is not null && r.Global.NetNamespace != a[0])
            {
                a.Error($"Duplicate net_namespace definition {a[0]} - ignoring");
                return;
            }

            r.Global = r.Global with { NetNamespace = a[0] };
        }, 1);
        t.Value("net_namespace_ipvs", (ref RootBuilder r, KeywordArgs a) => r.Global = r.Global with { NetNamespaceIpvs = a.Count > 0 ? a[0] : string.Empty });
        t.Value("namespace_with_ipsets", (ref RootBuilder r, KeywordArgs a) => r.Global = r.Global with { NamespaceWithIpsets = true });
        t.Value("instance", (ref RootBuilder r, KeywordArgs a) =>
        {
            if (r.Global.Instance is not null && r.Global.Instance != a[0])
            {
                a.Error($"Duplicate instance definition {a[0]} - ignoring");
                return;
            }

            r.Global = r.Global with { Instance = a[0] };
        }, 1);
        t.Value("use_pid_dir", (ref RootBuilder r, KeywordArgs a) => r.Global = r.Global with { UsePidDir = true });
        t.Value("linkbeat_use_polling", (ref RootBuilder r, KeywordArgs a) => r.Global = r.Global with { LinkbeatUsePolling = true });
        t.Value("child_wait_time", (ref RootBuilder r, KeywordArgs a) =>
        {
            if (a.TryInt(0, 0, 1000, out int secs))
            {
                r.Global = r.Global with { ChildWaitTime = TimeSpan.FromSeconds(secs) };
            }
        }, 1);

        t.List("linkbeat_interfaces", (ref RootBuilder r, KeywordArgs h, IReadOnlyList<KeywordArgs> items) =>
        {
            foreach (var i in items.Where(i => !i.Line.IsOpenBrace && !i.Line.IsCloseBrace))
            {
                var type = LinkbeatType.Default;
                if (i.Count > 0)
                {
                    type = i[0] switch
                    {
                        "MII" => LinkbeatType.Mii,
                        "ETHTOOL" => LinkbeatType.Ethtool,
                        "IOCTL" => LinkbeatType.Ioctl,
                        _ => (LinkbeatType)(-1),
                    };
                    if ((int)type < 0)
                    {
                        i.ErrorAt(0, $"Unknown linkbeat type '{i[0]}' for interface {i.Keyword} - using default");
                        type = LinkbeatType.Default;
                    }
                }

                r.LinkbeatInterfaces.Add(new LinkbeatInterfaceConfig(i.Keyword, type, i.Location));
            }
        });
        t.List("interface_up_down_delays", (ref RootBuilder r, KeywordArgs h, IReadOnlyList<KeywordArgs> items) =>
        {
            foreach (var i in items.Where(i => !i.Line.IsOpenBrace && !i.Line.IsCloseBrace))
            {
                if (!i.Require(1) || !i.TryTimer(0, 0, 255, out var down))
                {
                    continue;
                }

                var up = down;
                if (i.Count > 1 && !i.TryTimer(1, 0, 255, out up))
                {
                    continue;
                }

                r.InterfaceUpDownDelays.Add(new InterfaceUpDownDelayConfig(i.Keyword, down, up, i.Location));
            }
        });
        t.Block("track_group", trackGroup, (r, h) => h.Require(1) ? new TrackingGrammar.TrackGroupBuilder() : null,
            (ref RootBuilder r, TrackingGrammar.TrackGroupBuilder b, KeywordArgs h) =>
                r.TrackGroups.Add(new TrackGroupConfig(h[0], [.. b.Instances], h.Location)));
        t.List("static_ipaddress", (ref RootBuilder r, KeywordArgs h, IReadOnlyList<KeywordArgs> items) =>
            r.StaticAddresses.AddRange(items.Select(i => IpAddressEntryParser.Parse(i, isStatic: true)).OfType<IpAddressConfig>()));
        t.List("static_routes", (ref RootBuilder r, KeywordArgs h, IReadOnlyList<KeywordArgs> items) =>
            r.StaticRoutes.AddRange(items.Select(i => RouteEntryParser.Parse(i, isStatic: true)).OfType<RouteConfig>()));
        t.List("static_rules", (ref RootBuilder r, KeywordArgs h, IReadOnlyList<KeywordArgs> items) =>
            r.StaticRules.AddRange(items.Select(i => RuleEntryParser.Parse(i, isStatic: true)).OfType<RuleConfig>()));

        t.Block("track_file", trackFile, (r, h) => h.Require(1) ? new TrackFileConfig { Name = h[0], Location = h.Location } : null,
            (ref RootBuilder r, TrackFileConfig f, KeywordArgs h) => r.TrackFiles.Add(f));
        t.Alias("vrrp_track_file", "track_file");
        t.Block("vrrp_track_process", process, (r, h) => h.Require(1) ? new TrackProcessConfig { Name = h[0], Location = h.Location } : null,
            (ref RootBuilder r, TrackProcessConfig p, KeywordArgs h) => r.TrackProcesses.Add(p));
        t.Block("bfd_instance", bfd, (r, h) => h.Require(1) ? new BfdInstanceConfig { Name = h[0], Location = h.Location } : null,
            (ref RootBuilder r, BfdInstanceConfig b, KeywordArgs h) => r.BfdInstances.Add(b));
        t.Block("vrrp_script", script, (r, h) => h.Require(1) ? new VrrpScriptConfig { Name = h[0], Location = h.Location } : null,
            (ref RootBuilder r, VrrpScriptConfig s, KeywordArgs h) => r.VrrpScripts.Add(s));
        t.Block("vrrp_sync_group", sync, (r, h) => h.Require(1) ? new VrrpSyncGroupConfig { Name = h[0], Location = h.Location } : null,
            (ref RootBuilder r, VrrpSyncGroupConfig g, KeywordArgs h) => r.SyncGroups.Add(g));
        t.Block("garp_group", garp, (r, h) => new GarpGroupConfig { Location = h.Location },
            (ref RootBuilder r, GarpGroupConfig g, KeywordArgs h) => r.GarpGroups.Add(g));
        t.Block("vrrp_instance", vrrp, (r, h) => h.Require(1) ? new VrrpInstanceConfig { Name = h[0], Location = h.Location, MulticastGroup = IPAddress.Any } : null,
            (ref RootBuilder r, VrrpInstanceConfig v, KeywordArgs h) => r.VrrpInstances.Add(v));
        t.Block("SSL", ssl, (r, h) =>
        {
            if (r.Ssl is not null)
            {
                h.Error("SSL context already specified - replacing");
            }

            return r.Ssl ?? new SslConfig();
        }, (ref RootBuilder r, SslConfig s, KeywordArgs h) => r.Ssl = s);
        t.List("virtual_server_group", (ref RootBuilder r, KeywordArgs h, IReadOnlyList<KeywordArgs> items) =>
        {
            if (!h.Require(1))
            {
                return;
            }

            r.VirtualServerGroups.Add(new VirtualServerGroupConfig(h[0], LvsGrammar.GroupEntries(h[0], items), h.Location));
        }, allowsHeaderArgs: true);
        t.Block("virtual_server", vs, OpenVirtualServer, (ref RootBuilder r, VirtualServerConfig v, KeywordArgs h) => r.VirtualServers.Add(v));

        context.AllTables.AddRange([t, global, vrrp, script, trackFile, process, bfd, sync, garp, trackGroup, vs, ssl, LvsGrammar.RealServer()]);
        return t;
    }

    private static VirtualServerConfig? OpenVirtualServer(RootBuilder root, KeywordArgs a)
    {
        if (!a.Require(1))
        {
            return null;
        }

        if (a[0] == "fwmark")
        {
            if (!a.Require(2))
            {
                return null;
            }

            if (!a.TryInt(1, 1L, uint.MaxValue, out long mark, report: false))
            {
                a.Error($"Invalid virtual server fwmark - '{a[1]}' - skipping");
                return null;
            }

            return new VirtualServerConfig { Kind = VirtualServerKind.FwMark, FwMark = (uint)mark, Protocol = IpvsProtocol.None, Location = a.Location };
        }

        if (a[0] == "group")
        {
            if (!a.Require(2))
            {
                return null;
            }

            return new VirtualServerConfig { Kind = VirtualServerKind.Group, GroupName = a[1], Location = a.Location };
        }

        var text = a[0];
        ushort port = 0;
        if (a.Count > 1 && !ushort.TryParse(a[1], NumberStyles.None, CultureInfo.InvariantCulture, out port))
        {
            a.Error($"Invalid virtual server IP address/port {text}/{a[1]} - skipping");
            return null;
        }

        if (!AddressParser.TryParseAddress(text, out var ip))
        {
            a.Error(a.Count > 1 ? $"Invalid virtual server IP address/port {text}/{a[1]} - skipping" : $"Invalid virtual server IP address {text} - skipping");
            return null;
        }

        return new VirtualServerConfig
        {
            Kind = VirtualServerKind.Address,
            Address = ip,
            Port = port,
            Family = ip.AddressFamily,
            Location = a.Location,
        };
    }
}
