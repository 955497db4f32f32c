using System.Net;
using System.Net.Sockets;
using Vigil.Config.Model;
using static Vigil.Config.Tests.ConfigTestHelper;

namespace Vigil.Config.Parsing.Tests;

/// <summary>keepalived 2.2.7's defaults for every block (keepalived.conf(5)).</summary>
public class GrammarDefaultsTests
{
    [Fact]
    public void Load_EmptyConfig_IsCleanWithGlobalDefaults()
    {
        var r = Load(string.Empty);
        Assert.Equal(ConfigTestStatus.Clean, r.Status);
        var g = r.Config!.Global;
        Assert.Equal("eth0", g.DefaultInterface);
        Assert.Equal(TimeSpan.FromSeconds(30), g.SmtpConnectTimeout);
        Assert.Equal(TimeSpan.FromSeconds(5), g.ChildWaitTime);
        Assert.Equal(2, g.Vrrp.Version);
        Assert.Equal(IPAddress.Parse("224.0.0.18"), g.Vrrp.McastGroup4);
        Assert.Equal(IPAddress.Parse("ff02::12"), g.Vrrp.McastGroup6);
        Assert.Equal(TimeSpan.FromSeconds(5), g.Vrrp.GarpMasterDelay);
        Assert.Equal(5, g.Vrrp.GarpMasterRepeat);
        Assert.Equal(1, g.Vrrp.GarpMasterRefreshRepeat);
        Assert.Equal(3, g.Vrrp.DownTimerAdverts);
        Assert.Equal(1000u, g.NftablesIpvsStartFwmark);
        Assert.Equal(TimeSpan.FromSeconds(10), g.StartupScriptTimeout);
    }

    [Fact]
    public void Load_MinimalInstance_HasKeepalivedsDefaults()
    {
        var r = Load(Instance());
        Assert.Equal(ConfigTestStatus.Clean, r.Status);
        var v = Assert.Single(r.Config!.VrrpInstances);
        Assert.Equal(VrrpInitialState.Backup, v.InitialState);
        Assert.Equal(100, v.Priority);
        Assert.Equal(TimeSpan.FromSeconds(1), v.AdvertInterval);
        Assert.Equal(2, v.Version);
        Assert.Equal(AddressFamily.InterNetwork, v.Family);
        Assert.Equal(IPAddress.Parse("224.0.0.18"), v.MulticastGroup);
        Assert.True(v.Accept);
        Assert.False(v.NoPreempt);
        Assert.Equal(TimeSpan.FromSeconds(5), v.GarpMasterDelay);
        Assert.Equal(5, v.GarpMasterRepeat);
        Assert.Equal(TimeSpan.FromSeconds(5), v.GarpLowerPrioDelay);
        Assert.Equal(5, v.GarpLowerPrioRepeat);
        Assert.Equal(3, v.DownTimerAdverts);
        Assert.Equal(255, v.UnicastTtl);
        var vip = Assert.Single(v.VirtualIpAddresses);
        Assert.Equal(24, vip.PrefixLength);
    }

    [Fact]
    public void Load_StateMasterWithoutPriority_IsTheAddressOwner()
    {
        var v = Load(Instance(body: "state MASTER")).Config!.VrrpInstances[0];
        Assert.Equal(255, v.Priority);
        Assert.True(v.IsAddressOwner);
    }

    [Fact]
    public void Load_GlobalVrrpDefaults_ArePushedIntoInstancesUnlessOverridden()
    {
        var text = "global_defs {\n vrrp_garp_master_delay 10\n vrrp_garp_master_repeat 2\n vrrp_version 3\n vrrp_mcast_group4 224.0.0.99\n}\n" +
            Instance("A") + Instance("B", "virtual_router_id 52\n garp_master_delay 1\n version 2\n");
        var c = Load(text).Config!;
        var a = c.VrrpInstances[0];
        Assert.Equal(TimeSpan.FromSeconds(10), a.GarpMasterDelay);
        Assert.Equal(TimeSpan.FromSeconds(10), a.GarpLowerPrioDelay);
        Assert.Equal(2, a.GarpMasterRepeat);
        Assert.Equal(3, a.Version);
        Assert.Equal(IPAddress.Parse("224.0.0.99"), a.MulticastGroup);
        var b = c.VrrpInstances[1];
        Assert.Equal(TimeSpan.FromSeconds(1), b.GarpMasterDelay);
        Assert.Equal(TimeSpan.FromSeconds(1), b.GarpLowerPrioDelay);
        Assert.Equal(2, b.Version);
    }

    [Fact]
    public void Load_Ipv6Instance_UsesVersion3AndTheIpv6Group()
    {
        var text = "vrrp_instance V6 {\n interface eth0\n virtual_router_id 9\n advert_int 0.5\n virtual_ipaddress {\n fe80::10\n 2001:db8::10/64\n }\n}\n";
        var r = Load(text);
        Assert.Equal(ConfigTestStatus.Clean, r.Status);
        var v = r.Config!.VrrpInstances[0];
        Assert.Equal(AddressFamily.InterNetworkV6, v.Family);
        Assert.Equal(3, v.Version);
        Assert.Equal(IPAddress.Parse("ff02::12"), v.MulticastGroup);
        Assert.Equal(TimeSpan.FromMilliseconds(500), v.AdvertInterval);
        Assert.Equal(128, v.VirtualIpAddresses[0].PrefixLength);
    }

    [Fact]
    public void Load_StrictMode_ClearsAcceptForNonOwnersAndForcesLowerPrioNoAdvert()
    {
        var v = Load("global_defs {\n vrrp_strict\n}\n" + Instance(body: "priority 100")).Config!.VrrpInstances[0];
        Assert.True(v.StrictMode);
        Assert.False(v.Accept);
        Assert.True(v.LowerPrioNoAdvert);
    }

    [Fact]
    public void Load_InstanceKeywords_AreAllTyped()
    {
        var body = """
            state BACKUP
            priority 150
            advert_int 2
            nopreempt
            preempt_delay 3.5
            dont_track_primary
            mcast_src_ip 192.0.2.1
            garp_master_refresh 60
            garp_master_refresh_repeat 2
            down_timer_adverts 5
            use_vmac vrrp51 00:00:5e:00:01:33
            vmac_xmit_base
            lower_prio_no_advert
            higher_prio_send_advert
            skip_check_adv_addr on
            debug 2
            kernel_rx_buf_size 4096
            notify_master "/bin/true master 'a b'" nobody nogroup
            notify "/bin/true all"
            smtp_alert
            notify_priority_changes yes
            """;
        var v = Load(Instance(body: body)).Config!.VrrpInstances[0];
        Assert.Equal(150, v.Priority);
        Assert.Equal(TimeSpan.FromSeconds(2), v.AdvertInterval);
        Assert.True(v.NoPreempt);
        Assert.Equal(TimeSpan.FromSeconds(3.5), v.PreemptDelay);
        Assert.True(v.DontTrackPrimary);
        Assert.Equal(IPAddress.Parse("192.0.2.1"), v.SourceAddress);
        Assert.Equal(TimeSpan.FromSeconds(60), v.GarpMasterRefresh);
        Assert.Equal(2, v.GarpMasterRefreshRepeat);
        Assert.Equal(5, v.DownTimerAdverts);
        Assert.Equal("vrrp51", v.UseVmac!.InterfaceName);
        Assert.Equal("00005E000133", v.UseVmac.MacAddress!.ToString());
        Assert.True(v.VmacXmitBase);
        Assert.True(v.LowerPrioNoAdvert);
        Assert.True(v.HigherPrioSendAdvert);
        Assert.True(v.SkipCheckAdvAddr);
        Assert.Equal(2, v.Debug);
        Assert.Equal(4096, v.KernelRxBufSize);
        Assert.Equal(new[] { "/bin/true", "master", "a b" }, v.Notify.Master!.Arguments.ToArray());
        Assert.Equal("nobody", v.Notify.Master.User);
        Assert.Equal(65534, v.Notify.Master.RunAs!.Uid);
        Assert.Equal(new[] { "/bin/true", "all" }, v.Notify.Notify!.Arguments.ToArray());
        Assert.True(v.SmtpAlert);
        Assert.True(v.NotifyPriorityChanges);
    }

    [Fact]
    public void Load_UnicastPeers_AreParsedWithTtlRanges()
    {
        var v = Load(Instance(body: "unicast_src_ip 192.0.2.1\nunicast_peer {\n 192.0.2.2 min_ttl 250 max_ttl 255\n 192.0.2.3\n}\nunicast_ttl 10")).Config!.VrrpInstances[0];
        Assert.True(v.IsUnicast);
        Assert.Equal(2, v.UnicastPeers.Length);
        Assert.Equal(250, v.UnicastPeers[0].MinTtl);
        Assert.True(v.CheckUnicastSource);
        Assert.Equal(10, v.UnicastTtl);
    }

    [Fact]
    public void Load_VirtualIpAddressOptions_AreAllParsed()
    {
        var body = "virtual_ipaddress_excluded {\n 192.0.2.20/24 brd 192.0.2.255 dev eth1 scope link label eth1:5 no_track\n 192.0.2.21 peer 192.0.2.99/32 home -nodad mngtmpaddr noprefixroute autojoin preferred_lft forever use_vmac\n 192.0.2.22/25 brd +\n}";
        var v = Load(Instance(body: body)).Config!.VrrpInstances[0];
        var e = v.ExcludedVirtualIpAddresses;
        Assert.Equal(3, e.Length);
        Assert.Equal(BroadcastMode.Address, e[0].BroadcastMode);
        Assert.Equal("eth1", e[0].Device);
        Assert.Equal(AddressScope.Link, e[0].Scope);
        Assert.Equal("eth1:5", e[0].Label);
        Assert.True(e[0].NoTrack);
        Assert.Equal(IPAddress.Parse("192.0.2.99"), e[1].Peer);
        Assert.True(e[1].Home && e[1].EnableDad && e[1].ManageTemporaryAddress && e[1].NoPrefixRoute && e[1].AutoJoin && e[1].UseVmac);
        Assert.Equal(uint.MaxValue, e[1].PreferredLifetime);
        Assert.Equal(BroadcastMode.SetHostBits, e[2].BroadcastMode);
        Assert.Equal(25, e[2].PrefixLength);
    }

    [Fact]
    public void Load_VirtualRoutesAndRules_AreTyped()
    {
        var body = """
            virtual_routes {
                src 192.0.2.1 to 198.51.100.0/24 via 192.0.2.254 dev eth0 table 100 metric 5 protocol keepalived
                blackhole 203.0.113.0/24 no_track
                default via 192.0.2.254 dev eth0 mtu lock 1400 onlink
                198.51.100.128/25 nexthop via 192.0.2.253 dev eth0 weight 2 nexthop via 192.0.2.252 dev eth1
            }
            virtual_rules {
                from 192.0.2.0/24 table 100 preference 200
                to 198.51.100.0/24 iif eth0 fwmark 5/0xff priority 300 table main
            }
            """;
        var r = Load(Instance(body: body));
        Assert.True(r.Status == ConfigTestStatus.Clean, r.Report());
        var v = r.Config!.VrrpInstances[0];
        var routes = v.VirtualRoutes;
        Assert.Equal(IPAddress.Parse("192.0.2.1"), routes[0].PreferredSource);
        Assert.Equal(IPAddress.Parse("198.51.100.0"), routes[0].Destination);
        Assert.Equal(24, routes[0].DestinationPrefixLength);
        Assert.Equal(100u, routes[0].Table);
        Assert.Equal((byte)18, routes[0].Protocol);
        Assert.Equal(RouteType.Blackhole, routes[1].Type);
        Assert.Equal(0, routes[2].DestinationPrefixLength);
        Assert.Equal(new RouteMetric("mtu", 1400, true), Assert.Single(routes[2].Metrics));
        Assert.True(routes[2].OnLink);
        Assert.Equal(2, routes[3].NextHops.Length);
        Assert.Equal(2, routes[3].NextHops[0].Weight);
        Assert.Equal(200u, v.VirtualRules[0].Preference);
        Assert.Equal(254u, v.VirtualRules[1].Table);
        Assert.Equal(5u, v.VirtualRules[1].FwMark);
        Assert.Equal(0xffu, v.VirtualRules[1].FwMask);
    }

    [Fact]
    public void Load_TrackScriptWithoutWeight_TakesTheScriptsWeight()
    {
        var text = "global_defs {\n script_user nobody\n}\nvrrp_script chk {\n script /bin/true\n weight -20\n interval 2\n fall 3\n}\n" +
            Instance(body: "track_script {\n chk\n}\ntrack_interface {\n eth1 weight 10 reverse\n}");
        var c = Load(text).Config!;
        var s = Assert.Single(c.VrrpScripts);
        Assert.Equal(TimeSpan.FromSeconds(2), s.Interval);
        Assert.Equal(TimeSpan.FromSeconds(2), s.Timeout);
        Assert.Equal(3, s.Fall);
        Assert.Equal(1, s.Rise);
        var v = c.VrrpInstances[0];
        Assert.Equal(-20, Assert.Single(v.TrackScripts).Weight);
        var ti = Assert.Single(v.TrackInterfaces);
        Assert.Equal(10, ti.Weight);
        Assert.True(ti.Reverse);
    }

    [Fact]
    public void Load_VirtualServerInheritance_FlowsToRealServersAndCheckers()
    {
        var text = """
            virtual_server 192.0.2.100 80 {
                delay_loop 10
                lb_algo rr
                lb_kind DR
                protocol TCP
                connect_timeout 2
                persistence_timeout
                real_server 192.0.2.1 80 {
                    weight 3
                    TCP_CHECK {
                    }
                    HTTP_GET {
                        url {
                            path /health
                            status_code 200-204 301
                        }
                    }
                    DNS_CHECK {
                        type A
                    }
                    MISC_CHECK {
                        misc_path "/bin/true x"
                        user nobody
                    }
                }
                real_server 192.0.2.2 80 {
                    delay_loop 5
                    retry 7
                    TCP_CHECK {
                        connect_port 8080
                        warmup 0
                    }
                }
            }
            """;
        var r = Load(text);
        Assert.Equal(ConfigTestStatus.Clean, r.Status);
        var vs = Assert.Single(r.Config!.VirtualServers);
        Assert.Equal("rr", vs.Scheduler);
        Assert.Equal(LvsMethod.DirectRouting, vs.Forwarding.Method);
        Assert.Equal(IpvsProtocol.Tcp, vs.Protocol);
        Assert.Equal(TimeSpan.FromSeconds(360), vs.PersistenceTimeout);
        var rs1 = vs.RealServers[0];
        Assert.Equal(3, rs1.Weight);
        Assert.Equal(LvsMethod.DirectRouting, rs1.Forwarding.Method);
        var tcp = (TcpCheckConfig)rs1.Checkers[0];
        Assert.Equal(TimeSpan.FromSeconds(10), tcp.DelayLoop);
        Assert.Equal(TimeSpan.FromSeconds(10), tcp.Warmup);
        Assert.Equal(TimeSpan.FromSeconds(2), tcp.ConnectTimeout);
        Assert.Equal(1, tcp.Retry);
        Assert.Equal(TimeSpan.FromSeconds(1), tcp.DelayBeforeRetry);
        Assert.Equal(IPAddress.Parse("192.0.2.1"), tcp.ConnectIp);
        Assert.Equal(80, tcp.ConnectPort);
        var http = (HttpGetCheckConfig)rs1.Checkers[1];
        Assert.Equal(TimeSpan.FromSeconds(3), http.DelayBeforeRetry);
        Assert.Equal(new[] { new StatusCodeRange(200, 204), new StatusCodeRange(301, 301) }, http.Urls[0].StatusCodes.ToArray());
        var dns = (DnsCheckConfig)rs1.Checkers[2];
        Assert.Equal(3, dns.Retry);
        Assert.Equal(TimeSpan.FromSeconds(10), dns.DelayBeforeRetry);
        Assert.Equal("A", dns.Type);
        Assert.Equal(".", dns.Name);
        var misc = (MiscCheckConfig)rs1.Checkers[3];
        Assert.Equal(0, misc.Retry);
        Assert.Equal(new[] { "/bin/true", "x" }, misc.Script!.Arguments.ToArray());
        var rs2 = vs.RealServers[1];
        var tcp2 = (TcpCheckConfig)rs2.Checkers[0];
        Assert.Equal(TimeSpan.FromSeconds(5), tcp2.DelayLoop);
        Assert.Equal(7, tcp2.Retry);
        Assert.Equal(TimeSpan.Zero, tcp2.Warmup);
        Assert.Equal(8080, tcp2.ConnectPort);
    }

    [Fact]
    public void Load_DeprecatedAliases_AreAcceptedLikeKeepalived()
    {
        var text = """
            vrrp_track_file tf {
                file /var/run/x
            }
            virtual_server 192.0.2.100 80 {
                lb_algo wlc
                lb_kind NAT
                protocol TCP
                real_server 192.0.2.1 80 {
                    HTTP_GET {
                        nb_get_retry 4
                        url {
                            path /
                        }
                    }
                }
            }
            """ + Instance(body: "preempt");
        var r = Load(text);
        var http = (HttpGetCheckConfig)r.Config!.VirtualServers[0].RealServers[0].Checkers[0];
        Assert.Equal(4, http.Retry);
        Assert.Equal("tf", Assert.Single(r.Config.TrackFiles).Name);
        Assert.Equal(["nb_get_retry is deprecated - please use 'retry'"], r.Diagnostics.Select(d => d.Message));
    }

    [Fact]
    public void Load_VirtualServerGroup_RangesAndFwmarks()
    {
        var text = "virtual_server_group G {\n 192.0.2.1-10 80\n 198.51.100.0/30 443\n 203.0.113.5-203.0.113.7\n fwmark 7 inet6\n}\n";
        var g = Assert.Single(Load(text).Config!.VirtualServerGroups);
        Assert.Equal(IPAddress.Parse("192.0.2.10"), g.Entries[0].Last);
        Assert.Equal(IPAddress.Parse("198.51.100.3"), g.Entries[1].Last);
        Assert.Equal((ushort)443, g.Entries[1].Port);
        Assert.Equal(IPAddress.Parse("203.0.113.7"), g.Entries[2].Last);
        Assert.Equal(7u, g.Entries[3].FwMark);
        Assert.Equal(AddressFamily.InterNetworkV6, g.Entries[3].Family);
    }

    [Fact]
    public void Load_GlobalDefs_ParseTheirValues()
    {
        var text = """
            global_defs {
                router_id lb one
                notification_email {
                    ops@example.com
                    noc@example.com
                }
                smtp_server 192.0.2.25 2525
                lvs_sync_daemon eth0 VI_1 id 5 maxlen 1400 port 8000 ttl 3 group 224.0.0.81
                lvs_timeouts tcp 900 udp 60
                umask IWGRP|IWOTH
                vrrp_priority -10
                checker_cpu_affinity 0 1
                nftables
                dynamic_interfaces allow_if_changes
            }
            """;
        var r = Load(text + Instance());
        Assert.Equal(ConfigTestStatus.Clean, r.Status);
        var g = r.Config!.Global;
        Assert.Equal("lb one", g.RouterId);
        Assert.Equal(2, g.NotificationEmails.Length);
        Assert.Equal(2525, g.SmtpServer!.Port);
        Assert.Equal("VI_1", g.LvsSyncDaemon!.VrrpInstance);
        Assert.Equal(5, g.LvsSyncDaemon.SyncId);
        Assert.Equal(TimeSpan.FromSeconds(900), g.LvsTimeouts!.Tcp);
        Assert.Equal(0x12u, g.Umask);
        Assert.Equal(-10, g.VrrpProcess.Priority);
        Assert.Equal(new[] { 0, 1 }, g.CheckerProcess.CpuAffinity.ToArray());
        Assert.Equal("keepalived", g.Nftables);
        Assert.True(g.DynamicInterfacesAllowIfChanges);
    }

    [Fact]
    public void Load_BfdAndTrackProcess_HaveTheirDefaults()
    {
        var text = "bfd_instance b {\n neighbor_ip 192.0.2.9\n vrrp\n}\nvrrp_track_process p {\n process nginx -g\n param_match partial\n delay 0.5\n}\n";
        var c = Load(text).Config!;
        var b = Assert.Single(c.BfdInstances);
        Assert.Equal(TimeSpan.FromMilliseconds(10), b.MinRx);
        Assert.Equal(5, b.Multiplier);
        Assert.True(b.NotifyVrrp);
        Assert.False(b.NotifyChecker);
        var p = Assert.Single(c.TrackProcesses);
        Assert.Equal("nginx", p.Process);
        Assert.Equal(new[] { "-g" }, p.Parameters.ToArray());
        Assert.Equal(ProcessParamMatch.Partial, p.ParamMatch);
        Assert.Equal(TimeSpan.FromMilliseconds(500), p.ForkDelay);
        Assert.Equal(1, p.Quorum);
    }
}
