using System.Collections.Immutable;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Vigil.Config.Model;
using static Vigil.Config.Parsing.Handlers;
using V = Vigil.Config.Model.VrrpInstanceConfig;

namespace Vigil.Config.Parsing;

/// <summary>The <c>vrrp_instance</c> keywords (keepalived.conf(5) "VRRP instance(s)"; messages as keepalived 2.2.7).</summary>
internal static class VrrpInstanceGrammar
{
    public static KeywordTable<V> Create()
    {
        var t = new KeywordTable<V>("vrrp_instance");
        t.Value("state", (ref V v, KeywordArgs a) =>
        {
            switch (a[0])
            {
                case "MASTER":
                    v = v with { InitialState = VrrpInitialState.Master, Explicit = v.Explicit | VrrpExplicit.State };
                    break;
                case "BACKUP":
                    v = v with { InitialState = VrrpInitialState.Backup, Explicit = v.Explicit | VrrpExplicit.State };
                    break;
                default:
                    a.Error($"({v.Name}) unknown state '{a[0]}', defaulting to BACKUP", "state must be MASTER or BACKUP (upper case)");
                    v = v with { InitialState = VrrpInitialState.Backup };
                    break;
            }
        }, 1);
        t.Value("interface", (ref V v, KeywordArgs a) =>
        {
            v = v with { Interface = a[0], InterfaceLocation = a.Location };
        }, 1);
        t.Value("vrf", String<V>((v, s) => v with { Vrf = s }), 1);
        t.Value("use_vmac", UseVmac);
        t.Value("use_vmac_addr", Set<V>(v => v with { UseVmacAddr = true }));
        t.Value("vmac_xmit_base", Set<V>(v => v with { VmacXmitBase = true }));
        t.Value("use_ipvlan", UseIpvlan);
        t.Value("native_ipv6", Set<V>(v => v with { NativeIpv6 = true, Family = AddressFamily.InterNetworkV6 }));
        t.Value("dont_track_primary", Set<V>(v => v with { DontTrackPrimary = true }));
        t.List("track_interface", (ref V v, KeywordArgs h, IReadOnlyList<KeywordArgs> items) =>
            v = v with { TrackInterfaces = v.TrackInterfaces.AddRange(TrackRefParser.Parse(items, v.Name, -253, 253, "track_interface")) });
        t.List("track_script", (ref V v, KeywordArgs h, IReadOnlyList<KeywordArgs> items) =>
            v = v with { TrackScripts = v.TrackScripts.AddRange(TrackRefParser.Parse(items, v.Name, -253, 253, "track_script")) });
        t.List("track_file", (ref V v, KeywordArgs h, IReadOnlyList<KeywordArgs> items) =>
            v = v with { TrackFiles = v.TrackFiles.AddRange(TrackRefParser.Parse(items, v.Name, -254, 254, "track_file")) });
        t.List("track_process", (ref V v, KeywordArgs h, IReadOnlyList<KeywordArgs> items) =>
            v = v with { TrackProcesses = v.TrackProcesses.AddRange(TrackRefParser.Parse(items, v.Name, -254, 254, "track_process")) });
        t.List("track_bfd", (ref V v, KeywordArgs h, IReadOnlyList<KeywordArgs> items) =>
            v = v with { TrackBfds = v.TrackBfds.AddRange(TrackRefParser.Parse(items, v.Name, -253, 253, "track_bfd")) });
        t.Value("mcast_src_ip", SourceIp(unicast: false), 1);
        t.Value("unicast_src_ip", SourceIp(unicast: true), 1);
        t.Value("mcast_dst_ip", (ref V v, KeywordArgs a) =>
        {
            if (AddressParser.TryParseAddress(a[0], out var ip) && IsMulticast(ip))
            {
                v = v with { MulticastGroup = ip, Explicit = v.Explicit | VrrpExplicit.MulticastGroup };
            }
            else
            {
                a.Error($"({v.Name}) mcast_dst_ip '{a[0]}' is not a valid multicast address - ignoring");
            }
        }, 1);
        t.Value("track_src_ip", Set<V>(v => v with { TrackSourceAddress = true }));
        t.Value("version", (ref V v, KeywordArgs a) =>
        {
            if (a.TryInt(0, 2, 3, out int n, report: false))
            {
                v = v with { Version = n, Explicit = v.Explicit | VrrpExplicit.Version };
            }
            else
            {
                a.Error($"({v.Name}) Version not valid! must be between 2 & 3");
            }
        }, 1);
        t.Value("check_unicast_src", Set<V>(v => v with { CheckUnicastSource = true, Explicit = v.Explicit | VrrpExplicit.CheckUnicastSource | VrrpExplicit.UnicastKeyword }));
        t.List("unicast_peer", UnicastPeers);
        t.Value("unicast_fault_no_peer", Set<V>(v => v with { UnicastFaultNoPeer = true }));
        t.Value("unicast_ttl", (ref V v, KeywordArgs a) =>
        {
            if (a.TryInt(0, 0, 255, out int n))
            {
                v = v with { UnicastTtl = n, Explicit = v.Explicit | VrrpExplicit.UnicastTtl, UnicastTtlLocation = a.Location };
            }
        }, 1);
        t.Value("old_unicast_checksum", (ref V v, KeywordArgs a) =>
        {
            if (a.Count > 0 && a[0] != "never")
            {
                a.Error($"({v.Name}) old_unicast_checksum '{a[0]}' invalid - ignoring");
                return;
            }

            v = v with { OldUnicastChecksum = a.Count > 0 ? OldUnicastChecksumMode.Never : OldUnicastChecksumMode.Old };
        });
        t.Value("v3_checksum_as_v2", Bool<V>((v, b) => v with { V3ChecksumAsV2 = b, Explicit = v.Explicit | VrrpExplicit.V3ChecksumAsV2 }));

        // GARP
        t.Value("garp_master_delay", Int<V>(0, 255, (v, n) => v with { GarpMasterDelay = TimeSpan.FromSeconds(n), Explicit = v.Explicit | VrrpExplicit.GarpMasterDelay }), 1);
        t.Value("garp_master_repeat", GarpRepeat((v, n) => v with { GarpMasterRepeat = n, Explicit = v.Explicit | VrrpExplicit.GarpMasterRepeat }), 1);
        t.Value("garp_lower_prio_delay", Int<V>(0, 255, (v, n) => v with { GarpLowerPrioDelay = TimeSpan.FromSeconds(n), Explicit = v.Explicit | VrrpExplicit.GarpLowerPrioDelay }), 1);
        t.Value("garp_lower_prio_repeat", Int<V>(0, 255, (v, n) => v with { GarpLowerPrioRepeat = n, Explicit = v.Explicit | VrrpExplicit.GarpLowerPrioRepeat }), 1);
        t.Value("garp_master_refresh", Int<V>(0, int.MaxValue, (v, n) => v with { GarpMasterRefresh = TimeSpan.FromSeconds(n), Explicit = v.Explicit | VrrpExplicit.GarpMasterRefresh }), 1);
        t.Value("garp_master_refresh_repeat", GarpRepeat((v, n) => v with { GarpMasterRefreshRepeat = n, Explicit = v.Explicit | VrrpExplicit.GarpMasterRefreshRepeat }), 1);
        t.Value("garp_extra_if", (ref V v, KeywordArgs a) =>
        {
            if (GlobalDefsGrammar.ParseGarpExtraIf(a) is { } e)
            {
                v = v with { GarpExtraIf = e, Explicit = v.Explicit | VrrpExplicit.GarpExtraIf };
            }
        }, 1);
        t.Alias("vmac_garp_intvl", "garp_extra_if");
        t.Value("down_timer_adverts", Int<V>(1, 100, (v, n) => v with { DownTimerAdverts = n, Explicit = v.Explicit | VrrpExplicit.DownTimerAdverts }), 1);
        t.Value("timer_expired_backup", (ref V v, KeywordArgs a) =>
        {
            var prio = 0;
            if (a.Count > 0 && !a.TryInt(0, 1, 254, out prio))
            {
                return;
            }

            v = v with { TimerExpiredBackupPriority = prio };
        });
        t.Alias("thread_timer_expired", "timer_expired_backup");
        t.Value("lower_prio_no_advert", Bool<V>((v, b) => v with { LowerPrioNoAdvert = b, Explicit = v.Explicit | VrrpExplicit.LowerPrioNoAdvert }));
        t.Value("higher_prio_send_advert", Bool<V>((v, b) => v with { HigherPrioSendAdvert = b, Explicit = v.Explicit | VrrpExplicit.HigherPrioSendAdvert }));
        t.Value("owner_ignore_adverts", Bool<V>((v, b) => v with { OwnerIgnoreAdverts = b, Explicit = v.Explicit | VrrpExplicit.OwnerIgnoreAdverts }));

        // identity, timing
        t.Value("virtual_router_id", (ref V v, KeywordArgs a) =>
        {
            if (a.TryInt(0, 1, 255, out int id, report: false))
            {
                v = v with { VirtualRouterId = id, Explicit = v.Explicit | VrrpExplicit.VirtualRouterId };
            }
            else
            {
                a.Error($"({v.Name}): VRID '{a[0]}' not valid - must be between 1 & 255");
            }
        }, 1);
        t.Value("priority", (ref V v, KeywordArgs a) =>
        {
            if (a.TryInt(0, 1, 255, out int p, report: false))
            {
                v = v with { Priority = p, Explicit = v.Explicit | VrrpExplicit.Priority };
            }
            else
            {
                a.Error($"({v.Name}) Priority not valid! must be between 1 & 255. Using default 100");
            }
        }, 1);
        t.Value("advert_int", (ref V v, KeywordArgs a) =>
        {
            if (KeywordArgs.TryParseDecimal(a[0], 6, out var micro, out _) && micro > 0 && micro <= 255_000_000)
            {
                v = v with { AdvertInterval = TimeSpans.FromMicroseconds(micro), Explicit = v.Explicit | VrrpExplicit.AdvertInterval };
            }
            else
            {
                a.Error($"({v.Name}) Advert interval ({a[0]}) not valid! Must be > 0 - ignoring");
            }
        }, 1);
        t.Block("authentication", AuthenticationTable(), (v, h) => new AuthBuilder { Owner = v.Name }, (ref V v, AuthBuilder b, KeywordArgs h) =>
        {
            if (b.Type is { } type)
            {
                v = v with { Authentication = new VrrpAuthenticationConfig(type, b.Password ?? string.Empty) };
            }
        });
        t.Block("auth_hmac", AuthHmacTable(), (v, h) => v.AuthHmac ?? new AuthHmacConfig(), (ref V v, AuthHmacConfig c, KeywordArgs h) => v = v with { AuthHmac = c });

        // addresses, routes, rules
        t.List("virtual_ipaddress", (ref V v, KeywordArgs h, IReadOnlyList<KeywordArgs> items) =>
            v = v with { VirtualIpAddresses = v.VirtualIpAddresses.AddRange(Addresses(items)) });
        t.List("virtual_ipaddress_excluded", (ref V v, KeywordArgs h, IReadOnlyList<KeywordArgs> items) =>
            v = v with { ExcludedVirtualIpAddresses = v.ExcludedVirtualIpAddresses.AddRange(Addresses(items)) });
        t.Value("no_virtual_ipaddress", Set<V>(v => v with { NoVirtualIpAddress = true }));
        t.Value("promote_secondaries", Set<V>(v => v with { PromoteSecondaries = true }));
        t.List("virtual_routes", (ref V v, KeywordArgs h, IReadOnlyList<KeywordArgs> items) =>
            v = v with { VirtualRoutes = v.VirtualRoutes.AddRange(items.Select(i => RouteEntryParser.Parse(i, isStatic: false)).OfType<RouteConfig>()) });
        t.List("virtual_rules", (ref V v, KeywordArgs h, IReadOnlyList<KeywordArgs> items) =>
            v = v with { VirtualRules = v.VirtualRules.AddRange(items.Select(i => RuleEntryParser.Parse(i, isStatic: false)).OfType<RuleConfig>()) });

        // behaviour
        t.Value("accept", Set<V>(v => v with { Accept = true, Explicit = v.Explicit | VrrpExplicit.Accept }));
        t.Value("no_accept", Set<V>(v => v with { Accept = false, Explicit = v.Explicit | VrrpExplicit.Accept }));
        t.Value("nopreempt", Set<V>(v => v with { NoPreempt = true }));
        t.Value("preempt", Set<V>(v => v with { NoPreempt = false }));
        t.Value("preempt_delay", (ref V v, KeywordArgs a) =>
        {
            if (a.TryTimer(0, 0, 1000, out var d, report: false))
            {
                v = v with { PreemptDelay = d };
            }
            else
            {
                a.Error($"({v.Name}) Preempt_delay not valid! must be between 0-1000");
            }
        }, 1);
        t.Value("skip_check_adv_addr", Bool<V>((v, b) => v with { SkipCheckAdvAddr = b, Explicit = v.Explicit | VrrpExplicit.SkipCheckAdvAddr }));
        t.Value("strict_mode", Bool<V>((v, b) => v with { StrictMode = b, Explicit = v.Explicit | VrrpExplicit.StrictMode }));
        t.Value("debug", (ref V v, KeywordArgs a) =>
        {
            var level = 0;
            if (a.Count > 0 && !a.TryInt(0, 0, 4, out level))
            {
                return;
            }

            v = v with { Debug = level };
        });

        // notifications
        t.Value("notify_master", Script<V>((v, s) => v with { Notify = v.Notify with { Master = s } }));
        t.Value("notify_backup", Script<V>((v, s) => v with { Notify = v.Notify with { Backup = s } }));
        t.Value("notify_fault", Script<V>((v, s) => v with { Notify = v.Notify with { Fault = s } }));
        t.Value("notify_stop", Script<V>((v, s) => v with { Notify = v.Notify with { Stop = s } }));
        t.Value("notify", Script<V>((v, s) => v with { Notify = v.Notify with { Notify = s } }));
        t.Value("notify_master_rx_lower_pri", Script<V>((v, s) => v with { Notify = v.Notify with { MasterRxLowerPriority = s } }));
        t.Value("notify_deleted", (ref V v, KeywordArgs a) =>
        {
            ScriptConfig? s = null;
            if (a.Count > 0)
            {
                s = ScriptParser.WithUser(a);
                a.Context.NoteScript(a.Location);
            }

            v = v with { Notify = v.Notify with { NotifyDeleted = true, Deleted = s } };
        });
        t.Value("notify_priority_changes", Bool<V>((v, b) => v with { NotifyPriorityChanges = b, Explicit = v.Explicit | VrrpExplicit.NotifyPriorityChanges }));
        t.Value("smtp_alert", Bool<V>((v, b) => v with { SmtpAlert = b, Explicit = v.Explicit | VrrpExplicit.SmtpAlert }));
        t.Value("kernel_rx_buf_size", Int<V>(0, int.MaxValue, (v, n) => v with { KernelRxBufSize = n }), 1);
        t.Value("linkbeat_use_polling", Set<V>(v => v with { LinkbeatUsePolling = true }));
        t.Value("lvs_sync_daemon_interface", (ref V v, KeywordArgs a) =>
        {
            a.Error($"({v.Name}) Specifying lvs_sync_daemon_interface against a vrrp is deprecated.");
            a.Error("        Please use global lvs_sync_daemon");
            v = v with { LvsSyncDaemonInterface = a[0] };
        }, 1);
        return t;
    }

    internal static bool IsMulticast(IPAddress ip) =>
        ip.AddressFamily == AddressFamily.InterNetworkV6 ? ip.IsIPv6Multicast : ip.GetAddressBytes()[0] is >= 224 and <= 239;

    private static ValueHandler<V> GarpRepeat(Func<V, int, V> set) =>
        (ref V v, KeywordArgs a) =>
        {
            if (!a.TryInt(0, 0, 255, out int n))
            {
                return;
            }

            if (n == 0)
            {
                a.Error($"({v.Name}): {a.Keyword} must be greater than 0, setting to 1");
                n = 1;
            }

            v = set(v, n);
        };

    private static ValueHandler<V> SourceIp(bool unicast) =>
        (ref V v, KeywordArgs a) =>
        {
            if (!AddressParser.TryParseAddress(a[0], out var ip))
            {
                a.Error($"Configuration error: VRRP instance[{v.Name}] malformed src address[{a[0]}]. Skipping...");
                return;
            }

            v = v with { SourceAddress = ip, SourceAddressLocation = a.Location, Explicit = unicast ? v.Explicit | VrrpExplicit.UnicastKeyword : v.Explicit };
        };

    private static void UnicastPeers(ref V v, KeywordArgs header, IReadOnlyList<KeywordArgs> items)
    {
        var peers = ImmutableArray.CreateBuilder<UnicastPeerConfig>();
        foreach (var item in items)
        {
            if (!AddressParser.TryParseAddress(item.Keyword, out var ip))
            {
                item.Error($"Configuration error: VRRP instance[{v.Name}] malformed unicast peer address[{item.Keyword}]. Skipping...");
                continue;
            }

            var peer = new UnicastPeerConfig(ip, item.Location);
            for (var i = 0; i + 1 < item.Count; i += 2)
            {
                if (item[i] is not ("min_ttl" or "max_ttl") || !item.TryInt(i + 1, 0, 255, out int ttl))
                {
                    item.ErrorAt(i, $"({v.Name}) unknown unicast_peer option '{item[i]}' - ignoring");
                    continue;
                }

                peer = item[i] == "min_ttl" ? peer with { MinTtl = ttl } : peer with { MaxTtl = ttl };
            }

            if (item.Count % 2 == 1)
            {
                item.ErrorAt(item.Count - 1, $"({v.Name}) unicast_peer option '{item[item.Count - 1]}' needs a value - ignoring");
            }

            peers.Add(peer);
        }

        v = v with { UnicastPeers = v.UnicastPeers.AddRange(peers), Explicit = v.Explicit | VrrpExplicit.UnicastKeyword };
    }

    private static IEnumerable<IpAddressConfig> Addresses(IReadOnlyList<KeywordArgs> items) =>
        items.Select(i => IpAddressEntryParser.Parse(i, isStatic: false)).OfType<IpAddressConfig>().ToList();

    private static void UseVmac(ref V v, KeywordArgs a)
    {
        var vmac = v.UseVmac ?? new VmacConfig();
        var words = a.From(0).ToList();
        for (var i = 0; i < words.Count; i++)
        {
            var w = words[i];
            if (w == "netlink_notify_msg")
            {
                vmac = vmac with { NetlinkNotifyMessage = true };
            }
            else if (w == "group" && i + 1 < words.Count)
            {
                vmac = vmac with { Group = words[++i] };
            }
            else if (TryParseMac(w, out var mac))
            {
                vmac = vmac with { MacAddress = mac };
            }
            else if (vmac.InterfaceName is null && w.Length <= 15)
            {
                vmac = vmac with { InterfaceName = w };
            }
            else
            {
                a.Error($"({v.Name}) invalid use_vmac option '{w}' - ignoring");
            }
        }

        v = v with { UseVmac = vmac };
    }

    internal static bool TryParseMac(string text, out PhysicalAddress mac)
    {
        mac = PhysicalAddress.None;
        var parts = text.Split(':');
        if (parts.Length is not (5 or 6) || parts.Any(p => p.Length is < 1 or > 2 || !p.All(Uri.IsHexDigit)))
        {
            return false;
        }

        mac = new PhysicalAddress(parts.Select(p => Convert.ToByte(p, 16)).ToArray());
        return true;
    }

    private static void UseIpvlan(ref V v, KeywordArgs a)
    {
        var ipvlan = new IpvlanConfig();
        foreach (var w in a.From(0))
        {
            if (w is "bridge" or "private" or "vepa")
            {
                ipvlan = ipvlan with { Mode = w == "bridge" ? IpvlanMode.Bridge : w == "private" ? IpvlanMode.Private : IpvlanMode.Vepa };
            }
            else if (AddressParser.TryParsePrefix(w, out var ip, out var plen, out _))
            {
                ipvlan = ipvlan with { Address = ip, PrefixLength = plen < 0 ? null : plen };
            }
            else if (ipvlan.InterfaceName is null)
            {
                ipvlan = ipvlan with { InterfaceName = w };
            }
            else
            {
                a.Error($"({v.Name}) invalid use_ipvlan option '{w}' - ignoring");
            }
        }

        v = v with { UseIpvlan = ipvlan };
    }

    /// <summary>Mutable state of an <c>authentication</c> block.</summary>
    internal sealed class AuthBuilder
    {
        public string Owner { get; init; } = string.Empty;

        public VrrpAuthType? Type { get; set; }

        public string? Password { get; set; }
    }

    private static KeywordTable<AuthBuilder> AuthenticationTable()
    {
        var t = new KeywordTable<AuthBuilder>("authentication");
        t.Value("auth_type", (ref AuthBuilder b, KeywordArgs a) =>
        {
            switch (a[0])
            {
                case "PASS":
                    b.Type = VrrpAuthType.Pass;
                    break;
                case "AH":
                    b.Type = VrrpAuthType.Ah;
                    break;
                default:
                    a.Error($"({b.Owner}) unknown authentication type '{a[0]}'", "auth_type must be PASS or AH");
                    break;
            }
        }, 1);
        t.Value("auth_pass", (ref AuthBuilder b, KeywordArgs a) =>
        {
            var pass = a.Rest();
            if (pass.Length > 8)
            {
                a.Error("Truncating auth_pass to 8 characters");
                pass = pass[..8];
            }

            b.Password = pass;
        }, 1);
        return t;
    }

    private static KeywordTable<AuthHmacConfig> AuthHmacTable()
    {
        var t = new KeywordTable<AuthHmacConfig>("auth_hmac");
        t.Value("key", (ref AuthHmacConfig c, KeywordArgs a) =>
        {
            if (a.Require(2) && a.TryInt(0, 0, 255, out int id))
            {
                c = c with { Keys = c.Keys.Add(new AuthHmacKeyConfig(id, a[1])) };
            }
        }, 2);
        t.Value("active_key", Int<AuthHmacConfig>(0, 255, (c, n) => c with { ActiveKey = n }), 1);
        t.Value("anti_replay", String<AuthHmacConfig>((c, s) => c with { AntiReplay = s }), 1);
        t.Value("time_window", Timer<AuthHmacConfig>(0, 86400, (c, s) => c with { TimeWindow = s }), 1);
        t.Value("mode", String<AuthHmacConfig>((c, s) => c with { Mode = s }), 1);
        return t;
    }
}
