using System.Net;
using Vigil.Config.Model;
using Vigil.Config.Tests;
using Vigil.Vrrp;
using Vigil.Vrrp.Packet;

namespace Vigil.Runtime.Tests;

public class VrrpSettingsMapperTests
{
    private static KeepalivedConfig Load(string text)
    {
        var r = ConfigTestHelper.Load(text);
        Assert.True(r.Config is not null, r.Report());
        return r.Config!;
    }

    private static VrrpInstanceSettings Single(string text) => Assert.Single(VrrpSettingsMapper.Map(Load(text)).Instances);

    [Fact]
    public void Map_MinimalInstance_HasKeepalivedDefaults()
    {
        var s = Single(ConfigTestHelper.Instance());
        Assert.Equal(("VI_1", "eth0", (byte)51, (byte)100), (s.Name, s.Interface, s.VirtualRouterId, s.Priority));
        Assert.Equal(TimeSpan.FromSeconds(1), s.AdvertInt);
        Assert.Equal(VrrpVersion.V2, s.Version);
        Assert.Equal(Vigil.Vrrp.VrrpInitialState.Backup, s.State);
        Assert.Equal((TimeSpan.FromSeconds(5), 5, TimeSpan.FromSeconds(5), 5), (s.GarpMasterDelay, s.GarpMasterRepeat, s.GarpLowerPrioDelay, s.GarpLowerPrioRepeat));
        Assert.Equal(3, s.DownTimerAdverts);
        Assert.Equal(IPAddress.Parse("224.0.0.18"), s.MulticastGroup);
        Assert.Equal((byte?)255, s.UnicastTtl);
        Assert.Null(s.McastSrcIp);
        var vip = Assert.Single(s.VirtualIpaddress);
        Assert.Equal((IPAddress.Parse("192.0.2.10"), 24), (vip.Address, vip.PrefixLength));
        Assert.Empty(s.Validate());
    }

    [Fact]
    public void Map_StateMaster_DefaultsPriorityTo255()
    {
        var s = Single(ConfigTestHelper.Instance(body: "state MASTER"));
        Assert.Equal((Vigil.Vrrp.VrrpInitialState.Master, (byte)255), (s.State, s.Priority));
    }

    [Fact]
    public void Map_EveryEngineField_IsCarried()
    {
        var s = Single("""
            vrrp_instance VI_9 {
                interface eth1
                virtual_router_id 9
                priority 120
                advert_int 0.3
                version 3
                nopreempt
                mcast_src_ip 192.0.2.1
                garp_master_delay 2
                garp_master_repeat 3
                garp_lower_prio_delay 4
                garp_lower_prio_repeat 6
                garp_master_refresh 30
                garp_master_refresh_repeat 2
                down_timer_adverts 5
                lower_prio_no_advert
                higher_prio_send_advert
                v3_checksum_as_v2
                skip_check_adv_addr
                notify_priority_changes
                notify_master "/bin/true master"
                notify_backup /bin/true
                notify_fault /bin/true
                notify_stop /bin/true
                notify_master_rx_lower_pri /bin/true
                notify "/bin/sh -c x" nobody
                virtual_ipaddress {
                    192.0.2.10/24 brd + dev eth0 scope link label eth0:vip
                    192.0.2.11 peer 192.0.2.12 no_track
                }
                virtual_ipaddress_excluded {
                    2001:db8::10/64
                }
            }
            """);
        Assert.Equal(("VI_9", "eth1", (byte)9, (byte)120), (s.Name, s.Interface, s.VirtualRouterId, s.Priority));
        Assert.Equal((TimeSpan.FromMilliseconds(300), VrrpVersion.V3, true), (s.AdvertInt, s.Version, s.NoPreempt));
        Assert.Equal(IPAddress.Parse("192.0.2.1"), s.McastSrcIp);
        Assert.Equal((TimeSpan.FromSeconds(2), 3, TimeSpan.FromSeconds(4), 6), (s.GarpMasterDelay, s.GarpMasterRepeat, s.GarpLowerPrioDelay, s.GarpLowerPrioRepeat));
        Assert.Equal((TimeSpan.FromSeconds(30), 2, 5), (s.GarpMasterRefresh, s.GarpMasterRefreshRepeat, s.DownTimerAdverts));
        Assert.True(s.LowerPrioNoAdvert && s.HigherPrioSendAdvert && s.V3ChecksumAsV2 && s.SkipCheckAdvAddr && s.NotifyPriorityChanges);
        Assert.Equal("/bin/true master", s.NotifyMaster?.Command);
        Assert.All(new[] { s.NotifyBackup, s.NotifyFault, s.NotifyStop, s.NotifyMasterRxLowerPri }, n => Assert.Equal("/bin/true", n?.Command));
        Assert.Equal(("/bin/sh -c x", "nobody"), (s.Notify?.Command, s.Notify?.User));
        var v0 = s.VirtualIpaddress[0];
        Assert.Equal(("eth0", "eth0:vip", "link", IPAddress.Parse("192.0.2.255")), (v0.Device, v0.Label, v0.Scope, v0.Broadcast));
        var v1 = s.VirtualIpaddress[1];
        Assert.Equal((32, IPAddress.Parse("192.0.2.12"), true), (v1.PrefixLength, v1.Peer, v1.NoTrack));
        Assert.Equal(IPAddress.Parse("2001:db8::10"), Assert.Single(s.VirtualIpaddressExcluded).Address);
        Assert.Empty(s.Validate());
    }

    [Fact]
    public void Map_Unicast_CarriesPeersTtlsAndAuth()
    {
        var s = Single("""
            vrrp_instance VI_1 {
                interface eth0
                virtual_router_id 51
                unicast_src_ip 192.0.2.1
                unicast_ttl 10
                unicast_peer {
                    192.0.2.2 min_ttl 250 max_ttl 255
                    198.51.100.2
                }
                authentication {
                    auth_type PASS
                    auth_pass secret12345
                }
                virtual_ipaddress {
                    192.0.2.10
                }
            }
            """);
        Assert.True(s.IsUnicast);
        Assert.Equal((byte?)10, s.UnicastTtl);
        Assert.Equal(2, s.UnicastPeer.Length);
        Assert.Equal(((byte?)250, (byte?)255), (s.UnicastPeer[0].MinTtl, s.UnicastPeer[0].MaxTtl));
        Assert.True(s.CheckUnicastSrc, "min_ttl/max_ttl imply check_unicast_src");
        Assert.Equal((Vigil.Vrrp.Packet.VrrpAuthType.Pass, "secret12"), (s.AuthType, s.AuthPass));
    }

    [Fact]
    public void Map_Ipv6_IsVersion3WithKernelHopLimit()
    {
        var s = Single("""
            vrrp_instance VI_6 {
                interface eth0
                virtual_router_id 6
                virtual_ipaddress {
                    fe80::10/64
                    2001:db8::10/64
                }
            }
            """);
        Assert.Equal((VrrpVersion.V3, System.Net.Sockets.AddressFamily.InterNetworkV6), (s.Version, s.Family));
        Assert.Equal(IPAddress.Parse("ff02::12"), s.MulticastGroup);
        Assert.Null(s.UnicastTtl);
    }

    [Fact]
    public void Map_GlobalDefaultsAndGarpGroup_Apply()
    {
        var s = Single("""
            global_defs {
                vrrp_garp_master_repeat 2
                vrrp_garp_interval 0.01
                vrrp_gna_interval 0.02
                vrrp_mcast_group4 224.0.0.19
            }
            """ + ConfigTestHelper.Instance());
        Assert.Equal(2, s.GarpMasterRepeat);
        Assert.Equal((TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(20)), (s.GarpInterval, s.GnaInterval));
        Assert.Equal(IPAddress.Parse("224.0.0.19"), s.MulticastGroup);
    }

    [Fact]
    public void Map_TrackFileInitFile_IsNotReportedAsUnsupported()
    {
        var plan = VrrpSettingsMapper.Map(Load("""
            vrrp_track_file tf1 {
                file /run/vigil-test-tf1
                init_file 5
            }
            """ + ConfigTestHelper.Instance(body: """
                track_file {
                    tf1
                }
                """)));
        Assert.DoesNotContain(plan.Unsupported, u => u.Contains("init_file", StringComparison.Ordinal));
        Assert.Equal("/run/vigil-test-tf1", plan.Tracking.Files["tf1"]);
    }

    [Fact]
    public void Map_UnsupportedFeatures_AreEachReportedOnce()
    {
        var plan = VrrpSettingsMapper.Map(Load("""
            vrrp_script chk {
                script /bin/true
            }
            vrrp_sync_group G1 {
                group {
                    VI_1
                }
            }
            """ + ConfigTestHelper.Instance(body: """
                use_vmac
                track_interface {
                    eth1
                }
                track_script {
                    chk
                }
                virtual_routes {
                    198.51.100.0/24 via 192.0.2.254
                }
                """)));
        Assert.Single(plan.Instances);
        Assert.DoesNotContain(plan.Unsupported, l => l.Contains("use_vmac", StringComparison.Ordinal));
        Assert.DoesNotContain(plan.Unsupported, l => l.Contains("virtual_routes", StringComparison.Ordinal));

        // Tracking and sync groups are acted on: they are in the tracking plan, not in the unsupported list.
        Assert.DoesNotContain(plan.Unsupported, l => l.Contains("track_", StringComparison.Ordinal) || l.Contains("sync_group", StringComparison.Ordinal));
        Assert.Equal("G1", Assert.Single(plan.Tracking.SyncGroups).Name);
        Assert.Contains(plan.Tracking.Tracked["VI_1"], r => r is { Kind: Vrrp.Tracking.TrackerKind.Script, Name: "chk", Weight: 0 });
        Assert.Equal("chk", Assert.Single(plan.Tracking.Scripts).Name);
        Assert.Equal(plan.Unsupported.Length, plan.Unsupported.Distinct().Count());
    }

    [Fact]
    public void MapTracking_ResolvesWeightsScriptsFilesAndGroupTrackers()
    {
        var plan = VrrpSettingsMapper.Map(Load("""
            vrrp_script chk {
                script "/bin/true arg"
                interval 2
                timeout 3
                weight -60
                rise 2
                fall 3
            }
            track_file tf {
                file /tmp/vigil-mapper-tf
                weight 10
            }
            """ + ConfigTestHelper.Instance(body: """
                track_script {
                    chk
                    chk weight 20 reverse
                }
                track_file {
                    tf weight -5
                }
                """)));
        Assert.Empty(plan.Unsupported);
        Assert.Equal(
            [
                new(Vrrp.Tracking.TrackerKind.Script, "chk", -60, false),
                new(Vrrp.Tracking.TrackerKind.Script, "chk", 20, true),
                new Vrrp.Tracking.TrackedReference(Vrrp.Tracking.TrackerKind.File, "tf", -5, false),
            ],
            plan.Tracking.Tracked["VI_1"].ToArray());
        var script = Assert.Single(plan.Tracking.Scripts);
        Assert.Equal(("/bin/true arg", TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3), 2, 3), (script.Command, script.Interval, script.Timeout, script.Rise, script.Fall));
        Assert.Equal("/tmp/vigil-mapper-tf", plan.Tracking.Files["tf"]);
    }

    [Fact]
    public void Map_PlainInstance_ReportsNothingUnsupported() =>
        Assert.Empty(VrrpSettingsMapper.Map(Load(ConfigTestHelper.Instance())).Unsupported);
}
