using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;
using Vigil.Checkers;
using Vigil.Config.Model;
using Vigil.Config.Tests;
using Vigil.Lb;
using CheckerKey = Vigil.Checkers.VirtualServiceKey;
using LbKey = Vigil.Lb.VirtualServiceKey;
using CheckerKind = Vigil.Checkers.CheckerKind;
using LvsMethod = Vigil.Lb.LvsMethod;

namespace Vigil.Runtime.Tests;

public class LbSettingsMapperTests
{
    private const string Web = """
        global_defs {
            lvs_timeouts tcp 900 tcpfin 30 udp 60
            lvs_sync_daemon eth0 VI_1 id 7 port 8849
        }
        vrrp_instance VI_1 {
            interface eth0
            virtual_router_id 51
            virtual_ipaddress {
                192.0.2.100/24
            }
        }
        virtual_server 192.0.2.100 80 {
            protocol TCP
            lvs_sched wrr
            lvs_method NAT
            delay_loop 3
            persistence_timeout 50
            persistence_granularity 255.255.255.0
            quorum 2
            hysteresis 1
            quorum_up "/bin/true up"
            quorum_down /bin/sh
            inhibit_on_failure
            omega
            ha_suspend
            sorry_server 192.0.2.99 8080
            sorry_server_inhibit
            real_server 192.0.2.11 8080 {
                weight 3
                notify_up "/etc/keepalived/check.sh up"
                HTTP_GET {
                    url {
                        path /health
                        status_code 200-204 301
                        digest 0123456789abcdef0123456789abcdef
                    }
                    connect_timeout 2
                    retry 4
                    delay_before_retry 1
                }
            }
            real_server 192.0.2.12 8080 {
                uthreshold 100
                lthreshold 10
                TCP_CHECK {
                    connect_port 9000
                    bindto 192.0.2.1
                }
                MISC_CHECK {
                    misc_path "/etc/keepalived/check.sh arg"
                    misc_timeout 4
                    misc_dynamic
                }
            }
        }
        """;

    private static KeepalivedConfig Load(string text)
    {
        var r = ConfigTestHelper.Load(text);
        Assert.True(r.Config is not null, r.Report());
        return r.Config!;
    }

    [Fact]
    public void Map_VirtualServer_CarriesPolicyAndResolvedTiming()
    {
        var plan = LbSettingsMapper.Map(Load(Web));
        var vs = Assert.Single(plan.Checkers);
        Assert.Equal(CheckerKey.ForAddress(IPAddress.Parse("192.0.2.100"), 80, TransportProtocol.Tcp), vs.Key);
        Assert.Equal((2, 1, true, true, true), (vs.Quorum, vs.Hysteresis, vs.InhibitOnFailure, vs.Omega, vs.HaSuspend));
        Assert.Equal("/bin/true up", vs.QuorumUp?.Command);
        Assert.Equal("/bin/sh", vs.QuorumDown?.Command);
        Assert.Equal(new SorryServerSettings(IPAddress.Parse("192.0.2.99"), 8080, ForwardingSettings.Nat), vs.SorryServer);
        Assert.True(vs.SorryServerInhibit);

        var rs1 = vs.RealServers[0];
        Assert.Equal((IPAddress.Parse("192.0.2.11"), 8080, 3), (rs1.Address, rs1.Port, rs1.Weight));
        Assert.Equal("/etc/keepalived/check.sh up", rs1.NotifyUp?.Command);
        var http = Assert.IsType<HttpGetSettings>(Assert.Single(rs1.Checkers));
        var url = Assert.Single(http.Urls);
        Assert.Equal("/health", url.Path);
        Assert.Equal("0123456789abcdef0123456789abcdef", url.Digest);
        Assert.True(url.StatusAccepted(204) && url.StatusAccepted(301) && !url.StatusAccepted(200 + 5));
        var timing = CheckerTiming.Resolve(vs, rs1, http);
        Assert.Equal((TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(2), 4, TimeSpan.FromSeconds(1)), (timing.DelayLoop, timing.ConnectTimeout, timing.Retry, timing.DelayBeforeRetry));
        Assert.Equal(IPAddress.Parse("192.0.2.11"), http.ConnectIp);

        var rs2 = vs.RealServers[1];
        Assert.Equal((100, 10), (rs2.UpperThreshold, rs2.LowerThreshold));
        var tcp = Assert.IsType<TcpCheckSettings>(rs2.Checkers[0]);
        Assert.Equal((9000, IPAddress.Parse("192.0.2.1")), (tcp.ConnectPort, tcp.BindTo));
        var misc = Assert.IsType<MiscCheckSettings>(rs2.Checkers[1]);
        Assert.Equal(("/etc/keepalived/check.sh arg", TimeSpan.FromSeconds(4), true), (misc.Path, misc.Timeout, misc.Dynamic));
        Assert.Equal(0, CheckerTiming.Resolve(vs, rs2, misc).Retry);
        Assert.Empty(plan.Unsupported);
    }

    [Fact]
    public void Map_VirtualServer_StaticModelHasSchedulerAndPersistence()
    {
        var plan = LbSettingsMapper.Map(Load(Web));
        var s = Assert.Single(plan.Services);
        var key = LbKey.ForAddress(LbProtocol.Tcp, IPAddress.Parse("192.0.2.100"), 80);
        Assert.Equal([key], s.Keys.ToArray());
        Assert.Equal(("wrr", 50u, (int?)24), (s.Template.Scheduler, s.Template.PersistenceTimeout, s.Template.PersistenceGranularity));
        Assert.Equal([IPAddress.Parse("192.0.2.100")], s.Addresses.ToArray());
        Assert.True(s.HaSuspend);
        Assert.Equal(new LvsTimeouts(900, 30, 60), plan.Timeouts);
        Assert.Equal("VI_1", plan.SyncDaemon!.VrrpInstance);
        Assert.Equal(("eth0", 7u, (ushort?)8849), (plan.SyncDaemon.Daemon.Interface, plan.SyncDaemon.Daemon.SyncId, plan.SyncDaemon.Daemon.Port));
    }

    [Fact]
    public void Map_Group_ExpandsEveryAddressAndFwMark()
    {
        var plan = LbSettingsMapper.Map(Load("""
            virtual_server_group G1 {
                192.0.2.100-102 80
                fwmark 7
            }
            virtual_server group G1 {
                protocol TCP
                lvs_sched rr
                lvs_method NAT
                real_server 192.0.2.11 80 {
                }
            }
            """));
        var s = Assert.Single(plan.Services);
        Assert.Equal(CheckerKey.ForGroup("G1", 0, TransportProtocol.Tcp), s.Key);
        Assert.Equal(
            [
                LbKey.ForAddress(LbProtocol.Tcp, IPAddress.Parse("192.0.2.100"), 80),
                LbKey.ForAddress(LbProtocol.Tcp, IPAddress.Parse("192.0.2.101"), 80),
                LbKey.ForAddress(LbProtocol.Tcp, IPAddress.Parse("192.0.2.102"), 80),
                LbKey.ForFwMark(7),
            ],
            s.Keys.ToArray());
        Assert.Equal(3, s.Addresses.Length);
    }

    [Fact]
    public void Map_FwMarkWithIpv6Servers_IsAnIpv6Service()
    {
        var plan = LbSettingsMapper.Map(Load("""
            virtual_server fwmark 9 {
                lvs_sched sh
                lvs_method NAT
                persistence_timeout
                real_server 2001:db8::10 {
                    PING_CHECK {
                    }
                }
            }
            """));
        var s = Assert.Single(plan.Services);
        Assert.Equal([LbKey.ForFwMark(9, AddressFamily.InterNetworkV6)], s.Keys.ToArray());
        Assert.Equal(CheckerKey.ForFwMark(9), plan.Checkers[0].Key);
        Assert.IsType<PingCheckSettings>(Assert.Single(plan.Checkers[0].RealServers[0].Checkers));
        Assert.Empty(s.Addresses);
        Assert.False(s.HaSuspend);
    }

    [Fact]
    public void Map_EveryCheckerType_IsMapped()
    {
        var plan = LbSettingsMapper.Map(Load("""
            track_file tf {
                file /run/weight
                weight 2
            }
            virtual_server 192.0.2.100 53 {
                protocol UDP
                lvs_sched rr
                lvs_method NAT
                real_server 192.0.2.11 53 {
                    DNS_CHECK {
                        type A
                        name example.com
                    }
                    UDP_CHECK {
                        payload 0102
                        require_reply 0aXb
                        min_reply_length 2
                    }
                    SMTP_CHECK {
                        helo_name me
                    }
                    SSL_GET {
                        url {
                            path /
                        }
                        enable_sni
                    }
                    FILE_CHECK {
                        track_file tf
                    }
                    BFD_CHECK {
                        name b1
                    }
                }
            }
            """));
        var checks = plan.Checkers[0].RealServers[0].Checkers;
        Assert.Equal([CheckerKind.Dns, CheckerKind.Udp, CheckerKind.Smtp, CheckerKind.SslGet, CheckerKind.File], checks.Select(c => c.Kind));
        var dns = (DnsCheckSettings)checks[0];
        Assert.Equal((DnsQueryType.A, "example.com"), (dns.Type, dns.Name));
        var udp = (UdpCheckSettings)checks[1];
        Assert.Equal(new byte[] { 1, 2 }, udp.Payload.ToArray());
        Assert.True(udp.RequireReply);
        Assert.Equal("0A XB", udp.ReplyPattern!.ToString());
        Assert.Equal("me", ((SmtpCheckSettings)checks[2]).HeloName);
        Assert.True(((HttpGetSettings)checks[3]).EnableSni);
        var file = (FileCheckSettings)checks[4];
        Assert.Equal(("tf", "/run/weight", 2), (file.TrackFile, file.Path, file.Weight));
        var line = Assert.Single(plan.Unsupported);
        Assert.Contains("BFD_CHECK is not supported", line, StringComparison.Ordinal);
        Assert.Contains("[192.0.2.100]:udp:53", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Integrator_CombinesDesiredDestinationsWithTheStaticModel()
    {
        var plan = LbSettingsMapper.Map(Load(Web));
        var integrator = new LbIntegrator(plan.Services);
        var key = plan.Checkers[0].Key;
        var desired = new DesiredService(key,
        [
            new DesiredDestination(IPAddress.Parse("192.0.2.11"), 8080, 3, ForwardingSettings.Nat),
            new DesiredDestination(IPAddress.Parse("192.0.2.12"), 8080, 0, ForwardingSettings.Nat, 100, 10),
        ]);
        var state = integrator.Build([desired]);
        var s = Assert.Single(state.Services);
        Assert.Equal(("wrr", 50u), (s.Scheduler, s.PersistenceTimeout));
        Assert.Equal(
            [
                new RealServer(IPAddress.Parse("192.0.2.11"), 8080, 3),
                new RealServer(IPAddress.Parse("192.0.2.12"), 8080, 0, UpperThreshold: 100, LowerThreshold: 10),
            ],
            s.Destinations);

        // Not published yet: the service is programmed empty.
        Assert.Empty(Assert.Single(integrator.Build(Array.Empty<DesiredService>()).Services).Destinations);
    }

    [Fact]
    public void Integrator_Group_ProgramsTheSameDestinationsOnEveryEntry()
    {
        var plan = LbSettingsMapper.Map(Load("""
            virtual_server_group G1 {
                192.0.2.100-101 80
            }
            virtual_server group G1 {
                protocol TCP
                lvs_sched rr
                lvs_method DR
                real_server 192.0.2.11 80 {
                }
            }
            """));
        var desired = new DesiredService(plan.Checkers[0].Key, [new DesiredDestination(IPAddress.Parse("192.0.2.11"), 80, 1, ForwardingSettings.DirectRouting)]);
        var state = new LbIntegrator(plan.Services).Build([desired]);
        Assert.Equal(2, state.Services.Count);
        Assert.All(state.Services, s => Assert.Equal([new RealServer(IPAddress.Parse("192.0.2.11"), 80, 1, LvsMethod.Dr)], s.Destinations));
    }
}
