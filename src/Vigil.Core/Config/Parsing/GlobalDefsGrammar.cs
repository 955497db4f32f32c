using System.Collections.Immutable;
using System.Globalization;
using Vigil.Config.Model;
using static Vigil.Config.Parsing.Handlers;
using G = Vigil.Config.Model.GlobalDefsConfig;

namespace Vigil.Config.Parsing;

/// <summary>The <c>global_defs</c> keywords (every one keepalived 2.2.7 accepts, plus the 2.3/2.4 additions).</summary>
internal static class GlobalDefsGrammar
{
    public static KeywordTable<G> Create()
    {
        var t = new KeywordTable<G>("global_defs");

        // identity, e-mail
        t.Value("router_id", (ref G g, KeywordArgs a) => g = g with { RouterId = a.Rest() }, 1);
        t.List("notification_email", (ref G g, KeywordArgs h, IReadOnlyList<KeywordArgs> items) =>
        {
            var emails = items.Where(i => !i.Line.IsOpenBrace && !i.Line.IsCloseBrace).Select(i => i.Keyword).ToList();
            if (emails.Count == 0)
            {
                h.Error("Warning - empty notification_email block");
            }

            g = g with { NotificationEmails = g.NotificationEmails.AddRange(emails) };
        });
        t.Value("notification_email_from", String<G>((g, v) => g with { NotificationEmailFrom = v }), 1);
        t.Value("smtp_server", SmtpServer, 1);
        t.Value("smtp_helo_name", String<G>((g, v) => g with { SmtpHeloName = v }), 1);
        t.Value("smtp_connect_timeout", (ref G g, KeywordArgs a) =>
        {
            if (a.TryInt(0, 1, int.MaxValue, out int v, report: false))
            {
                g = g with { SmtpConnectTimeout = TimeSpan.FromSeconds(v) };
            }
            else
            {
                a.Error($"smtp_connect_timeout '{a[0]}' must be in [1, {int.MaxValue}] - ignoring");
            }
        }, 1);
        t.Value("smtp_alert", GlobalBool((g, v) => g with { SmtpAlert = v }));
        t.Value("smtp_alert_vrrp", GlobalBool((g, v) => g with { SmtpAlertVrrp = v }));
        t.Value("smtp_alert_checker", GlobalBool((g, v) => g with { SmtpAlertChecker = v }));
        t.Value("checker_log_all_failures", GlobalBool((g, v) => g with { CheckerLogAllFailures = v }));
        t.Value("no_email_faults", GlobalBool((g, v) => g with { NoEmailFaults = v }));

        // scripts
        t.Value("default_interface", String<G>((g, v) => g with { DefaultInterface = v }), 1);
        t.Value("script_user", (ref G g, KeywordArgs a) =>
        {
            a.Context.Remember(a);
            g = g with { ScriptUser = a[0], ScriptGroup = a.Count > 1 ? a[1] : null };
        }, 1);
        t.Value("enable_script_security", Set<G>(g => g with { EnableScriptSecurity = true }));
        t.Value("set_supplementary_groups", Set<G>(g => g with { SetSupplementaryGroups = true }));
        t.Value("use_symlink_paths", GlobalBool((g, v) => g with { UseSymlinkPaths = v }));
        t.Value("startup_script", StartupShutdown(startup: true));
        t.Value("shutdown_script", StartupShutdown(startup: false));
        t.Value("startup_script_timeout", ScriptTimeout((g, v) => g with { StartupScriptTimeout = v }));
        t.Value("shutdown_script_timeout", ScriptTimeout((g, v) => g with { ShutdownScriptTimeout = v }));
        t.Value("notify_fifo", Fifo((g, f) => g with { NotifyFifo = Merge(g.NotifyFifo, f) }), 1);
        t.Value("notify_fifo_script", FifoScript((g, s) => g with { NotifyFifo = WithScript(g.NotifyFifo, s) }), 1);
        t.Value("vrrp_notify_fifo", Fifo((g, f) => g with { VrrpNotifyFifo = Merge(g.VrrpNotifyFifo, f) }), 1);
        t.Value("vrrp_notify_fifo_script", FifoScript((g, s) => g with { VrrpNotifyFifo = WithScript(g.VrrpNotifyFifo, s) }), 1);
        t.Value("lvs_notify_fifo", Fifo((g, f) => g with { LvsNotifyFifo = Merge(g.LvsNotifyFifo, f) }), 1);
        t.Value("lvs_notify_fifo_script", FifoScript((g, s) => g with { LvsNotifyFifo = WithScript(g.LvsNotifyFifo, s) }), 1);
        t.Value("fifo_write_vrrp_states_on_reload", GlobalBool((g, v) => g with { FifoWriteVrrpStatesOnReload = v }));

        // process, files
        t.Value("dynamic_interfaces", (ref G g, KeywordArgs a) =>
        {
            if (a.Count > 0 && a[0] != "allow_if_changes")
            {
                // keepalived reports the option but still turns dynamic interfaces on (observed).
                a.Error($"Unknown dynamic_interfaces option '{a[0]}'");
            }

            g = g with { DynamicInterfaces = true, DynamicInterfacesAllowIfChanges = a.Count > 0 && a[0] == "allow_if_changes" };
        });
        t.Value("umask", Umask, 1);
        t.Value("random_seed", (ref G g, KeywordArgs a) =>
        {
            if (a.TryInt(0, 0L, uint.MaxValue, out long v))
            {
                g = g with { RandomSeed = (uint)v };
            }
        }, 1);
        t.Value("reload_check_config", (ref G g, KeywordArgs a) => g = g with { ReloadCheckConfig = true, ReloadCheckConfigLog = a.Count > 0 ? a[0] : null });
        t.Value("reload_time_file", String<G>((g, v) => g with { ReloadTimeFile = v }), 1);
        t.Value("reload_repeat", GlobalBool((g, v) => g with { ReloadRepeat = v }));
        t.Value("reload_file", (ref G g, KeywordArgs a) => g = g with { ReloadFile = a.Count > 0 ? a[0] : string.Empty });
        t.Value("include_check", (ref G g, KeywordArgs a) => g = g with { IncludeCheck = a.Count == 0 ? "all" : a.Rest() });
        t.Value("config_save_dir", String<G>((g, v) => g with { ConfigSaveDir = v }), 1);
        t.Value("tmp_config_directory", String<G>((g, v) => g with { TmpConfigDirectory = v }), 1);
        t.Value("data_use_instance", (ref G g, KeywordArgs a) =>
        {
            if (a.Count == 0)
            {
                g = g with { DataUseInstance = true };
            }
            else if (KeywordArgs.ParseBool(a[0]) is { } v)
            {
                g = g with { DataUseInstance = v };
            }
            else
            {
                // keepalived 2.2.7's wording, typo included.
                a.Error($"Invalid value '{a[0]}' for global date_use_instance specified");
            }
        });
        t.Value("state_dump_file", String<G>((g, v) => g with { StateDumpFile = v }), 1);
        t.Value("stats_dump_file", String<G>((g, v) => g with { StatsDumpFile = v }), 1);
        t.Value("json_dump_file", String<G>((g, v) => g with { JsonDumpFile = v }), 1);
        t.Value("json_version", Int<G>(1, 2, (g, v) => g with { JsonVersion = v }), 1);
        t.Value("iproute_usr_dir", String<G>((g, v) => g with { IprouteUsrDir = v }), 1);
        t.Value("iproute_etc_dir", String<G>((g, v) => g with { IprouteEtcDir = v }), 1);
        t.Value("process_names", Set<G>(g => g with { ProcessNames = true }));
        t.Value("process_name", String<G>((g, v) => g with { ProcessName = v }), 1);
        t.Value("vrrp_process_name", String<G>((g, v) => g with { VrrpProcessName = v }), 1);
        t.Value("checker_process_name", String<G>((g, v) => g with { CheckerProcessName = v }), 1);
        t.Alias("lvs_process_name", "checker_process_name");
        t.Value("bfd_process_name", String<G>((g, v) => g with { BfdProcessName = v }), 1);
        t.Value("rs_init_notifies", GlobalBool((g, v) => g with { RsInitNotifies = v }));
        t.Value("no_checker_emails", GlobalBool((g, v) => g with { NoCheckerEmails = v }));

        // process tuning, for each child
        Tuning(t, "vrrp", g => g.VrrpProcess, (g, p) => g with { VrrpProcess = p });
        Tuning(t, "checker", g => g.CheckerProcess, (g, p) => g with { CheckerProcess = p });
        Tuning(t, "bfd", g => g.BfdProcess, (g, p) => g with { BfdProcess = p });
        t.Value("max_auto_priority", (ref G g, KeywordArgs a) =>
        {
            if (a.Count == 0)
            {
                g = g with { MaxAutoPriority = 99 };
            }
            else if (a.TryInt(0, -1, 99, out int v))
            {
                g = g with { MaxAutoPriority = v };
            }
        });
        t.Value("min_auto_priority_delay", (ref G g, KeywordArgs a) =>
        {
            if (a.TryInt(0, 1, 10_000_000, out int v))
            {
                g = g with { MinAutoPriorityDelay = TimeSpans.FromMicroseconds(v) };
            }
        }, 1);
        NetlinkBufs(t, "vrrp_netlink_cmd_rcv_bufs", g => g.VrrpNetlinkCommand, (g, b) => g with { VrrpNetlinkCommand = b });
        NetlinkBufs(t, "vrrp_netlink_monitor_rcv_bufs", g => g.VrrpNetlinkMonitor, (g, b) => g with { VrrpNetlinkMonitor = b });
        NetlinkBufs(t, "lvs_netlink_cmd_rcv_bufs", g => g.LvsNetlinkCommand, (g, b) => g with { LvsNetlinkCommand = b });
        NetlinkBufs(t, "lvs_netlink_monitor_rcv_bufs", g => g.LvsNetlinkMonitor, (g, b) => g with { LvsNetlinkMonitor = b });
        NetlinkBufs(t, "process_monitor_rcv_bufs", g => g.ProcessMonitor, (g, b) => g with { ProcessMonitor = b });

        VrrpDefaults(t);

        // firewall
        t.Value("vrrp_iptables", (ref G g, KeywordArgs a) =>
        {
            // keepalived 2.2.7 (Debian) is built without iptables: it reports this and uses nftables.
            a.Error("iptables not supported, using nftables instead. Please replace 'vrrp_iptables and 'vrrp_ipsets' with 'nftables' config option");
            g = g with { Iptables = new IptablesConfig(a.Count > 0 ? a[0] : "INPUT", a.Count > 1 ? a[1] : null), Nftables = g.Nftables ?? "keepalived" };
        });
        t.Value("vrrp_ipsets", (ref G g, KeywordArgs a) =>
        {
            a.Error("iptables not supported, using nftables instead. Please replace 'vrrp_iptables and 'vrrp_ipsets' with 'nftables' config option");
            g = g with { Ipsets = [.. a.From(0)] };
        });
        t.Value("nftables", (ref G g, KeywordArgs a) =>
        {
            if (g.Nftables is not null)
            {
                a.Error("nftables already specified - ignoring");
                return;
            }

            g = g with { Nftables = a.Count > 0 ? a[0] : "keepalived" };
        });
        t.Value("nftables_priority", Int<G>(int.MinValue, int.MaxValue, (g, v) => g with { NftablesPriority = v }), 1);
        t.Value("nftables_counters", Set<G>(g => g with { NftablesCounters = true }));
        t.Value("nftables_ifindex", Set<G>(g => g with { NftablesIfindex = true }));
        t.Value("nftables_ipvs", (ref G g, KeywordArgs a) => g = g with { NftablesIpvs = a.Count > 0 ? a[0] : "keepalived_ipvs" });
        t.Value("nftables_ipvs_priority", Int<G>(int.MinValue, int.MaxValue, (g, v) => g with { NftablesIpvsPriority = v }), 1);
        t.Value("nftables_ipvs_start_fwmark", (ref G g, KeywordArgs a) =>
        {
            if (a.TryInt(0, 1L, uint.MaxValue, out long v))
            {
                g = g with { NftablesIpvsStartFwmark = (uint)v };
            }
        }, 1);

        // LVS
        t.Value("lvs_sync_daemon", LvsSyncDaemon, 1);
        t.Value("lvs_timeouts", LvsTimeouts);
        t.Value("lvs_flush", Set<G>(g => g with { LvsFlush = true }));
        t.Value("lvs_flush_on_stop", (ref G g, KeywordArgs a) =>
        {
            if (a.Count == 0)
            {
                g = g with { LvsFlushOnStop = LvsFlushOnStop.Full };
            }
            else if (a[0] == "VS")
            {
                g = g with { LvsFlushOnStop = LvsFlushOnStop.VirtualServersOnly };
            }
            else
            {
                a.Error($"Unknown lvs_flush_on_stop type {a[0]}");
            }
        });
        t.Alias("lvs_flush_onstop", "lvs_flush_on_stop");

        // Vigil extension: which data plane programs the virtual servers.
        t.Value("lvs_backend", (ref G g, KeywordArgs a) =>
        {
            if (LvsBackendNames.TryParse(a[0], out var kind))
            {
                g = g with { LvsBackend = kind };
            }
            else
            {
                var suggestion = DidYouMean.Suggest(a[0], LvsBackendNames.All);
                a.Error($"Unknown lvs_backend '{a[0]}' - using auto", suggestion is null ? "use ipvs, nftables or auto" : $"did you mean '{suggestion}'?");
            }
        }, 1);

        // SNMP, DBus
        t.Value("snmp_socket", String<G>((g, v) => g with { SnmpSocket = v }), 1);
        t.Value("enable_traps", Set<G>(g => g with { EnableTraps = true }));
        t.Value("enable_snmp_vrrp", Set<G>(g => g with { EnableSnmpVrrp = true }));
        t.Alias("enable_snmp_keepalived", "enable_snmp_vrrp");
        t.Value("enable_snmp_checker", Set<G>(g => g with { EnableSnmpChecker = true }));
        t.Value("enable_snmp_rfc", Set<G>(g => g with { EnableSnmpRfcV2 = true, EnableSnmpRfcV3 = true }));
        t.Value("enable_snmp_rfcv2", Set<G>(g => g with { EnableSnmpRfcV2 = true }));
        t.Value("enable_snmp_rfcv3", Set<G>(g => g with { EnableSnmpRfcV3 = true }));
        t.Value("snmp_vs_stats_update_interval", Timer<G>(0, 3600, (g, v) => g with { SnmpVsStatsUpdateInterval = v }), 1);
        t.Value("snmp_rs_stats_update_interval", Timer<G>(0, 3600, (g, v) => g with { SnmpRsStatsUpdateInterval = v }), 1);
        t.Value("enable_dbus", Set<G>(g => g with { EnableDbus = true }));
        t.Value("dbus_service_name", String<G>((g, v) => g with { DbusServiceName = v }), 1);
        t.Value("dbus_no_interface_name", Set<G>(g => g with { DbusNoInterfaceName = true }));
        return t;
    }

    /// <summary>global_defs booleans: bare = true; a bad value is reported as keepalived does.</summary>
    private static ValueHandler<G> GlobalBool(Func<G, bool, G> set) =>
        (ref G g, KeywordArgs a) =>
        {
            if (a.Count == 0)
            {
                g = set(g, true);
            }
            else if (KeywordArgs.ParseBool(a[0]) is { } v)
            {
                g = set(g, v);
            }
            else
            {
                a.Error($"Invalid value '{a[0]}' for global {a.Keyword} specified");
            }
        };

    private static void SmtpServer(ref G g, KeywordArgs a)
    {
        var port = 25;
        if (a.Count > 1 && (!int.TryParse(a[1], NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535))
        {
            a.Error($"Invalid smtp server {a.Rest()}");
            return;
        }

        var server = new SmtpServerConfig(a[0], port);
        if (AddressParser.TryParseAddress(a[0], out var address))
        {
            server = server with { Address = address };
        }

        a.Context.Remember(a);
        g = g with { SmtpServer = server };
    }

    private static ValueHandler<G> StartupShutdown(bool startup) =>
        (ref G g, KeywordArgs a) =>
        {
            if (a.Count == 0)
            {
                a.Error(startup ? "startup script missing" : "shutdown script missing");
                return;
            }

            var s = ScriptParser.WithUser(a);
            if (s is null || s.Arguments.IsEmpty)
            {
                a.Error(startup ? "Invalid startup script" : "Invalid shutdown script");
                return;
            }

            a.Context.NoteScript(a.Location);
            g = startup ? g with { StartupScript = s } : g with { ShutdownScript = s };
        };

    private static ValueHandler<G> ScriptTimeout(Func<G, TimeSpan, G> set) =>
        (ref G g, KeywordArgs a) =>
        {
            if (a.TryInt(0, 1, 1000, out int v, report: false))
            {
                g = set(g, TimeSpan.FromSeconds(v));
            }
            else
            {
                a.Error($"{a.Keyword} '{a[0]}' must be in [1, 1000] - ignoring");
            }
        };

    private static ValueHandler<G> Fifo(Func<G, NotifyFifoConfig, G> set) =>
        (ref G g, KeywordArgs a) => g = set(g, new NotifyFifoConfig(a[0]) { User = a.Count > 1 ? a[1] : null, Group = a.Count > 2 ? a[2] : null });

    private static ValueHandler<G> FifoScript(Func<G, ScriptConfig, G> set) =>
        (ref G g, KeywordArgs a) =>
        {
            if (ScriptParser.WithUser(a) is { } s)
            {
                a.Context.NoteScript(a.Location);
                g = set(g, s);
            }
        };

    private static NotifyFifoConfig Merge(NotifyFifoConfig? old, NotifyFifoConfig f) => old?.Script is { } s ? f with { Script = s } : f;

    private static NotifyFifoConfig WithScript(NotifyFifoConfig? fifo, ScriptConfig s) => (fifo ?? new NotifyFifoConfig(string.Empty)) with { Script = s };

    private static void Umask(ref G g, KeywordArgs a)
    {
        var text = a.Rest();
        uint mask = 0;
        if (KeywordArgs.TryParseInteger(text, out var n) && n is >= 0 and <= 0x1ff)
        {
            // A leading 0 means octal, as strtoul(.., 0) reads it.
            mask = text.Length > 1 && text[0] == '0' && !text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
                ? Convert.ToUInt32(text, 8)
                : (uint)n;
        }
        else
        {
            foreach (var part in text.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                uint bit = part switch
                {
                    "IRUSR" => 0x100, "IWUSR" => 0x80, "IXUSR" => 0x40,
                    "IRGRP" => 0x20, "IWGRP" => 0x10, "IXGRP" => 0x8,
                    "IROTH" => 0x4, "IWOTH" => 0x2, "IXOTH" => 0x1,
                    _ => uint.MaxValue,
                };
                if (bit == uint.MaxValue)
                {
                    a.Error($"Invalid umask value '{text}'");
                    return;
                }

                mask |= bit;
            }
        }

        g = g with { Umask = mask };
    }

    private static void Tuning(KeywordTable<G> t, string prefix, Func<G, ProcessTuningConfig> get, Func<G, ProcessTuningConfig, G> set)
    {
        t.Value(prefix + "_priority", (ref G g, KeywordArgs a) =>
        {
            if (a.TryInt(0, -20, 19, out int v, report: false))
            {
                g = set(g, get(g) with { Priority = v });
            }
            else
            {
                a.Error($"Invalid {prefix} process priority specified");
            }
        }, 1);
        t.Value(prefix + "_no_swap", Set<G>(g => set(g, get(g) with { NoSwap = true })));
        t.Value(prefix + "_rt_priority", (ref G g, KeywordArgs a) =>
        {
            if (!KeywordArgs.TryParseInteger(a[0], out var v) || v < 1)
            {
                a.Error($"{prefix} process real-time priority '{a[0]}' invalid");
                return;
            }

            if (v > 99)
            {
                a.Error($"{prefix} process real-time priority {v} greater than maximum 99 - setting to maximum");
                v = 99;
            }

            g = set(g, get(g) with { RealtimePriority = (int)v });
        }, 1);
        t.Value(prefix + "_cpu_affinity", (ref G g, KeywordArgs a) =>
        {
            var cpus = ImmutableArray.CreateBuilder<int>();
            for (var i = 0; i < a.Count; i++)
            {
                if (!a.TryInt(i, 0, 4095, out int cpu))
                {
                    return;
                }

                cpus.Add(cpu);
            }

            g = set(g, get(g) with { CpuAffinity = cpus.ToImmutable() });
        }, 1);
        ValueHandler<G> rttime = (ref G g, KeywordArgs a) =>
        {
            if (a.TryInt(0, 1L, uint.MaxValue, out long v))
            {
                g = set(g, get(g) with { RlimitRttime = v });
            }
        };
        t.Value(prefix + "_rlimit_rttime", rttime, 1);
        t.Value(prefix + "_rlimit_rtime", rttime, 1);
    }

    private static void NetlinkBufs(KeywordTable<G> t, string name, Func<G, NetlinkBufferConfig> get, Func<G, NetlinkBufferConfig, G> set)
    {
        t.Value(name, (ref G g, KeywordArgs a) =>
        {
            if (a.TryInt(0, 0L, uint.MaxValue, out long v))
            {
                g = set(g, get(g) with { Bytes = (uint)v });
            }
        }, 1);
        t.Value(name + "_force", (ref G g, KeywordArgs a) =>
        {
            if (a.Count == 0)
            {
                g = set(g, get(g) with { Force = true });
            }
            else if (KeywordArgs.ParseBool(a[0]) is { } v)
            {
                g = set(g, get(g) with { Force = v });
            }
            else
            {
                a.Error($"Invalid value '{a[0]}' for global {a.Keyword} specified");
            }
        });
    }

    private static void VrrpDefaults(KeywordTable<G> t)
    {
        static ValueHandler<G> V(Func<VrrpDefaultsConfig, KeywordArgs, VrrpDefaultsConfig?> f) =>
            (ref G g, KeywordArgs a) =>
            {
                if (f(g.Vrrp, a) is { } v)
                {
                    g = g with { Vrrp = v };
                }
            };

        static ValueHandler<G> VBool(Func<VrrpDefaultsConfig, bool, VrrpDefaultsConfig> f) =>
            GlobalBool((g, b) => g with { Vrrp = f(g.Vrrp, b) });

        t.Value("vrrp_version", V((v, a) => a.TryInt(0, 2, 3, out int n) ? v with { Version = n } : null), 1);
        t.Value("vrrp_mcast_group4", V((v, a) =>
        {
            if (AddressParser.TryParseAddress(a[0], out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && ip.GetAddressBytes()[0] is >= 224 and <= 239)
            {
                return v with { McastGroup4 = ip };
            }

            a.Error($"vrrp_mcast_group4 '{a[0]}' is not a valid IPv4 multicast address - ignoring");
            return null;
        }), 1);
        t.Value("vrrp_mcast_group6", V((v, a) =>
        {
            if (AddressParser.TryParseAddress(a[0], out var ip) && ip.IsIPv6Multicast)
            {
                return v with { McastGroup6 = ip };
            }

            a.Error($"vrrp_mcast_group6 '{a[0]}' is not a valid IPv6 multicast address - ignoring");
            return null;
        }), 1);
        t.Value("vrrp_garp_master_delay", V((v, a) => a.TryInt(0, 0, 255, out int n)
            ? v with { GarpMasterDelay = TimeSpan.FromSeconds(n), GarpLowerPrioDelay = TimeSpan.FromSeconds(n) }
            : null), 1);
        t.Value("vrrp_garp_master_repeat", V((v, a) =>
        {
            if (!a.TryInt(0, 0, 255, out int n))
            {
                return null;
            }

            if (n == 0)
            {
                a.Error("vrrp_garp_master_repeat must be greater than 0, setting to 1");
                n = 1;
            }

            return v with { GarpMasterRepeat = n, GarpLowerPrioRepeat = n };
        }), 1);
        t.Value("vrrp_garp_lower_prio_delay", V((v, a) => a.TryInt(0, 0, 255, out int n) ? v with { GarpLowerPrioDelay = TimeSpan.FromSeconds(n) } : null), 1);
        t.Value("vrrp_garp_lower_prio_repeat", V((v, a) => a.TryInt(0, 0, 255, out int n) ? v with { GarpLowerPrioRepeat = n } : null), 1);
        t.Value("vrrp_garp_master_refresh", V((v, a) =>
        {
            if (a.TryInt(0, 0, int.MaxValue, out int n, report: false))
            {
                return v with { GarpMasterRefresh = TimeSpan.FromSeconds(n) };
            }

            a.Error($"Invalid vrrp_garp_master_refresh '{a[0]}' - ignoring");
            return null;
        }), 1);
        t.Value("vrrp_garp_master_refresh_repeat", V((v, a) =>
        {
            if (!a.TryInt(0, 0, 255, out int n))
            {
                return null;
            }

            if (n == 0)
            {
                a.Error("vrrp_garp_master_refresh_repeat must be greater than 0, setting to 1");
                n = 1;
            }

            return v with { GarpMasterRefreshRepeat = n };
        }), 1);
        t.Value("vrrp_garp_interval", V((v, a) => a.TryTimer(0, 0, 1, out var s, report: false) ? v with { GarpInterval = s } : Invalid(a)), 1);
        t.Value("vrrp_gna_interval", V((v, a) => a.TryTimer(0, 0, 1, out var s, report: false) ? v with { GnaInterval = s } : Invalid(a)), 1);
        t.Value("vrrp_min_garp", VBool((v, b) => v with { MinGarp = b }));
        t.Value("vrrp_garp_extra_if", V((v, a) => ParseGarpExtraIf(a) is { } e ? v with { GarpExtraIf = e } : null), 1);
        t.Alias("vrrp_vmac_garp_intvl", "vrrp_garp_extra_if");
        t.Value("vrrp_down_timer_adverts", V((v, a) => a.TryInt(0, 1, 100, out int n) ? v with { DownTimerAdverts = n } : null), 1);
        t.Value("vrrp_lower_prio_no_advert", VBool((v, b) => v with { LowerPrioNoAdvert = b }));
        t.Value("vrrp_higher_prio_send_advert", VBool((v, b) => v with { HigherPrioSendAdvert = b }));
        t.Value("vrrp_check_unicast_src", Set<G>(g => g with { Vrrp = g.Vrrp with { CheckUnicastSrc = true } }));
        t.Value("vrrp_skip_check_adv_addr", LenientBool<G>((g, b) => g with { Vrrp = g.Vrrp with { SkipCheckAdvAddr = b } }));
        t.Value("vrrp_strict", Set<G>(g => g with { Vrrp = g.Vrrp with { Strict = true } }));
        t.Value("v3_checksum_as_v2", VBool((v, b) => v with { V3ChecksumAsV2 = b }));
        t.Value("vrrp_owner_ignore_adverts", VBool((v, b) => v with { OwnerIgnoreAdverts = b }));
        t.Value("vrrp_notify_priority_changes", VBool((v, b) => v with { NotifyPriorityChanges = b }));
        t.Value("vrrp_startup_delay", V((v, a) => a.TryTimer(0, 0, 3600, out var s) ? v with { StartupDelay = s } : null), 1);
        t.Value("vrrp_delay_after_boot", V((v, a) => a.TryTimer(0, 0, 3600, out var s) ? v with { DelayAfterBoot = s } : null), 1);
        t.Value("log_unknown_vrids", Set<G>(g => g with { Vrrp = g.Vrrp with { LogUnknownVrids = true } }));
        t.Value("vmac_prefix", V((v, a) => v with { VmacPrefix = a[0] }), 1);
        t.Value("vmac_addr_prefix", V((v, a) => v with { VmacAddrPrefix = a[0] }), 1);
        t.Value("disable_local_igmp", Set<G>(g => g with { Vrrp = g.Vrrp with { DisableLocalIgmp = true } }));
        t.Value("vrrp_rx_bufs_policy", V((v, a) =>
        {
            if (a[0] == "MTU")
            {
                return v with { RxBufsPolicy = new RxBufsPolicyConfig(RxBufsPolicyKind.Mtu) };
            }

            if (a[0] == "ADVERT")
            {
                return v with { RxBufsPolicy = new RxBufsPolicyConfig(RxBufsPolicyKind.Advert) };
            }

            return a.TryInt(0, 1L, uint.MaxValue, out long n) ? v with { RxBufsPolicy = new RxBufsPolicyConfig(RxBufsPolicyKind.Size, (uint)n) } : null;
        }), 1);
        t.Value("vrrp_rx_bufs_multiplier", V((v, a) => a.TryInt(0, 1, int.MaxValue, out int n) ? v with { RxBufsMultiplier = n } : null), 1);

        static VrrpDefaultsConfig? Invalid(KeywordArgs a)
        {
            a.Error($"{a.Keyword} '{a[0]}' is invalid");
            return null;
        }
    }

    public static GarpExtraIfConfig? ParseGarpExtraIf(KeywordArgs a)
    {
        var all = a[0] == "all";
        var idx = all ? 1 : 0;
        if (!a.Require(idx + 1))
        {
            return null;
        }

        return a.TryInt(idx, 0, 86400, out int secs) ? new GarpExtraIfConfig(TimeSpan.FromSeconds(secs), all) : null;
    }

    private static void LvsSyncDaemon(ref G g, KeywordArgs a)
    {
        if (g.LvsSyncDaemon is { } existing)
        {
            a.Error($"lvs_sync_daemon has already been specified as {existing.Interface} {existing.VrrpInstance} - ignoring");
            return;
        }

        var d = new LvsSyncDaemonConfig(a[0]);
        var i = 1;
        while (i < a.Count)
        {
            var w = a[i];
            var hasValue = i + 1 < a.Count;
            switch (w)
            {
                case "inst" when hasValue:
                    d = d with { VrrpInstance = a[i + 1] };
                    i += 2;
                    continue;
                case "id" when hasValue:
                    if (a.TryInt(i + 1, 0, 255, out int id))
                    {
                        d = d with { SyncId = id };
                    }

                    i += 2;
                    continue;
                case "maxlen" when hasValue:
                    if (a.TryInt(i + 1, 1, 65535 - 20 - 8, out int len, report: false))
                    {
                        d = d with { MaxLength = len };
                    }
                    else
                    {
                        a.Error($"Invalid lvs_sync_daemon maxlen ({a[i + 1]}) - ignoring");
                    }

                    i += 2;
                    continue;
                case "port" when hasValue:
                    if (a.TryInt(i + 1, 1, 65535, out int port))
                    {
                        d = d with { Port = port };
                    }

                    i += 2;
                    continue;
                case "ttl" when hasValue:
                    if (a.TryInt(i + 1, 1, 255, out int ttl))
                    {
                        d = d with { Ttl = ttl };
                    }

                    i += 2;
                    continue;
                case "group" when hasValue:
                    if (a.TryAddress(i + 1, out var grp))
                    {
                        d = d with { Group = grp };
                    }

                    i += 2;
                    continue;
            }

            if (i == 1 && d.VrrpInstance is null)
            {
                // "inst" may be omitted for backward compatibility.
                d = d with { VrrpInstance = w };
                i++;
                continue;
            }

            a.ErrorAt(i, $"Unknown option {w} specified for lvs_sync_daemon");
            i++;
        }

        a.Context.Remember(a);
        g = g with { LvsSyncDaemon = d };
    }

    private static void LvsTimeouts(ref G g, KeywordArgs a)
    {
        if (a.Count == 0)
        {
            a.Error("lvs_timeouts requires at least one option");
            return;
        }

        var to = g.LvsTimeouts ?? new LvsTimeoutsConfig();
        for (var i = 0; i < a.Count; i++)
        {
            var w = a[i];
            if (w is not ("tcp" or "tcpfin" or "udp") || i + 1 >= a.Count)
            {
                a.ErrorAt(i, $"Unknown option {w} specified for lvs_timeouts");
                continue;
            }

            if (!a.TryInt(i + 1, 0, 86400 * 31, out int secs))
            {
                i++;
                continue;
            }

            var v = TimeSpan.FromSeconds(secs);
            to = w switch
            {
                "tcp" => to with { Tcp = v },
                "tcpfin" => to with { TcpFin = v },
                _ => to with { Udp = v },
            };
            i++;
        }

        g = g with { LvsTimeouts = to };
    }
}
