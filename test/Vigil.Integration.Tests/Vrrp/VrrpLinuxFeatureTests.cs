using System.Text.RegularExpressions;
using Vigil.Testing;
using Vigil.Testing.Nodes;

namespace Vigil.Integration.Tests.Vrrp;

/// <summary>
/// use_vmac, accept mode (no_accept / vrrp_strict), virtual and static routes/rules/addresses with the built daemon and
/// keepalived 2.2.7 in namespaces: two routers (192.0.2.1, .2) and a client (192.0.2.3, with 203.0.113.0/24 on-link) on
/// one bridge, VRRPv2 with 1 s adverts. The same scenario run with keepalived (vigil=false) is the reference for what is
/// asserted.
/// </summary>
public class VrrpLinuxFeatureTests
{
    private const string Vip = "203.0.113.100";
    private const string VirtualMac = "00:00:5e:00:01:33";
    private static readonly TimeSpan Election = TimeSpan.FromSeconds(15);

    private sealed class Rig : IDisposable
    {
        public Rig(bool highVigil, bool lowVigil = true, bool withLow = false)
        {
            Lab = new Lab();
            var sw = Lab.Switch();
            High = Lab.Host("hi");
            Client = Lab.Host("cl");
            Lab.Attach(High, "eth0", sw);
            Lab.Attach(Client, "eth0", sw);
            High.AddAddress("eth0", "192.0.2.1/24");
            Client.AddAddress("eth0", "192.0.2.3/24");
            Client.Ip("route", "add", "203.0.113.0/24", "dev", "eth0");
            HighNode = highVigil ? new VigilNode(Lab, High, "high") : new KeepalivedNode(Lab, High, "high");
            if (withLow)
            {
                Low = Lab.Host("lo");
                Lab.Attach(Low, "eth0", sw);
                Low.AddAddress("eth0", "192.0.2.2/24");
                LowNode = lowVigil ? new VigilNode(Lab, Low, "low") : new KeepalivedNode(Lab, Low, "low");
            }
        }

        public Lab Lab { get; }

        public NetNs High { get; }

        public NetNs? Low { get; }

        public NetNs Client { get; }

        public DaemonNode HighNode { get; }

        public DaemonNode? LowNode { get; }

        public void Dispose()
        {
            HighNode.Dispose();
            LowNode?.Dispose();
            Lab.Dispose();
        }
    }

    private static string Config(int priority, string instance = "", string global = "", string top = "") => $$"""
        global_defs {
        {{global}}
        }
        {{top}}
        vrrp_instance VI_1 {
            state BACKUP
            interface eth0
            virtual_router_id 51
            priority {{priority}}
            advert_int 1
        {{instance}}
            virtual_ipaddress {
                203.0.113.100/32
            }
        }

        """;

    private static string Out(NetNs ns, params string[] args) => ns.Exec("ip", args).StdOut;

    private static string Sysctl(NetNs ns, string name) => ns.Exec("sysctl", "-n", name).StdOut.Trim();

    /// <summary>
    /// The MAC in the ARP reply the client gets for the VIP (captured on the client while it pings). The neighbour table
    /// is not used: the master's echo reply leaves through the parent and its ARP request for the client carries the VIP
    /// with the parent's MAC, which overwrites the client's entry (keepalived 2.2.7 alike).
    /// </summary>
    private static string ClientSeesMac(Rig rig)
    {
        rig.Client.Ip("neigh", "flush", "dev", "eth0");
        using var capture = new PacketCapture(rig.Lab, rig.Client, "eth0", "arp");
        rig.Client.Exec(TimeSpan.FromSeconds(5), "ping", "-c", "1", "-W", "1", Vip);
        var m = Regex.Match(capture.StopAndDecode(), "Reply " + Regex.Escape(Vip) + " is-at ([0-9a-f:]+)");
        return m.Success ? m.Groups[1].Value : "";
    }

    [NetTheory("keepalived", "tcpdump")]
    [InlineData(true)]
    [InlineData(false)]
    public void UseVmac_VipAnswersArpWithTheVirtualMac_AdvertsFromIt_RemovedAtStop(bool vigil)
    {
        using var rig = new Rig(vigil);
        var arpIgnore = Sysctl(rig.High, "net.ipv4.conf.eth0.arp_ignore");
        rig.HighNode.Configure(Config(150, "use_vmac")).Start();
        Assert.True(rig.HighNode.WaitForLog(@"\(VI_1\) Entering MASTER STATE", Election), rig.HighNode.Log);
        Assert.Contains("(VI_1): Success creating VMAC interface vrrp.51", rig.HighNode.Log, StringComparison.Ordinal);

        var link = Out(rig.High, "-d", "link", "show", "vrrp.51");
        Assert.Contains("link/ether " + VirtualMac, link, StringComparison.Ordinal);
        Assert.Contains("macvlan mode private", link, StringComparison.Ordinal);
        Assert.Contains("addrgenmode none", link, StringComparison.Ordinal);
        Eventually.True(() => Out(rig.High, "addr", "show", "vrrp.51").Contains("inet " + Vip + "/32", StringComparison.Ordinal), TimeSpan.FromSeconds(3), "VIP on the VMAC");
        Assert.Equal(("1", "1", "0", "1"), (Sysctl(rig.High, "net.ipv4.conf.vrrp/51.arp_ignore"), Sysctl(rig.High, "net.ipv4.conf.vrrp/51.accept_local"),
            Sysctl(rig.High, "net.ipv4.conf.vrrp/51.rp_filter"), Sysctl(rig.High, "net.ipv4.conf.eth0.arp_filter")));

        Assert.Equal(VirtualMac, ClientSeesMac(rig));
        using (var capture = new PacketCapture(rig.Lab, rig.Client, "eth0", "ip proto 112"))
        {
            Thread.Sleep(2500); // two adverts at 1 s
            var decoded = capture.StopAndDecode();
            Assert.Matches(VirtualMac + " > 01:00:5e:00:00:12.*\n.*192.0.2.1 > 224.0.0.18: VRRPv2", decoded);
        }

        rig.HighNode.Stop();
        Assert.Contains("(VI_1) Success removing VMAC interface vrrp.51", rig.HighNode.Log, StringComparison.Ordinal);
        Assert.Equal("", Out(rig.High, "link", "show", "type", "macvlan").Trim());
        Assert.Equal("", rig.High.Exec("nft", "list", "ruleset").StdOut.Trim());

        // Vigil puts the parent's arp_ignore back; keepalived 2.2.7 leaves it at 1 (observed; docs/vrrp.md).
        Assert.Equal(vigil ? arpIgnore : "1", Sysctl(rig.High, "net.ipv4.conf.eth0.arp_ignore"));
    }

    [NetTheory("keepalived", "tcpdump")]
    [InlineData(true, true)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void UseVmac_Failover_MovesTheVipAndKeepsTheVirtualMac(bool highVigil, bool lowVigil)
    {
        using var rig = new Rig(highVigil, lowVigil, withLow: true);
        rig.HighNode.Configure(Config(150, "use_vmac")).Start();
        Assert.True(rig.HighNode.WaitForLog(@"\(VI_1\) Entering MASTER STATE", Election), rig.HighNode.Log);
        rig.LowNode!.Configure(Config(100, "use_vmac")).Start();
        Assert.True(rig.LowNode.WaitForLog(@"\(VI_1\) Entering BACKUP STATE", Election), rig.LowNode.Log);
        Assert.Equal(VirtualMac, ClientSeesMac(rig));
        Assert.False(rig.Low!.HasAddress(Vip));

        rig.HighNode.Stop();
        Assert.True(rig.LowNode.WaitForLog(@"\(VI_1\) Entering MASTER STATE", Election), rig.LowNode.Log);
        Eventually.True(() => rig.Low.HasAddress(Vip) && !rig.High.HasAddress(Vip), TimeSpan.FromSeconds(3), "VIP moved");
        Assert.Contains("inet " + Vip, Out(rig.Low, "addr", "show", "vrrp.51"), StringComparison.Ordinal);
        Assert.Equal(VirtualMac, ClientSeesMac(rig));
    }

    [NetFact("tcpdump", "nft")]
    public void UseVmac_Ipv6_IsVrrpDotVridWithTheIpv6VirtualMac_AdvertsFromTheParentsLinkLocal()
    {
        using var rig = new Rig(true);
        rig.High.Exec("sysctl", "-qw", "net.ipv6.conf.all.accept_dad=0");
        rig.High.Exec("sysctl", "-qw", "net.ipv6.conf.eth0.accept_dad=0");
        Eventually.True(() => Out(rig.High, "-6", "addr", "show", "eth0").Contains("fe80::", StringComparison.Ordinal), TimeSpan.FromSeconds(5), "link-local on eth0");
        var linkLocal = Regex.Match(Out(rig.High, "-6", "addr", "show", "eth0"), "inet6 (fe80::[0-9a-f:]+)/64").Groups[1].Value;
        rig.HighNode.Configure("""
            vrrp_instance VI_6 {
                state BACKUP
                interface eth0
                virtual_router_id 53
                priority 150
                advert_int 1
                no_accept
                use_vmac
                virtual_ipaddress {
                    fe80::53/64
                    2001:db8::53/64
                }
            }

            """).Start();
        Assert.True(rig.HighNode.WaitForLog(@"\(VI_6\) Entering MASTER STATE", Election), rig.HighNode.Log);
        var link = Out(rig.High, "-d", "link", "show", "vrrp.53");
        Assert.Contains("link/ether 00:00:5e:00:02:35", link, StringComparison.Ordinal);
        Assert.Contains("addrgenmode none", link, StringComparison.Ordinal);

        // Observed with keepalived 2.2.7: the parent's link-local is put on the VMAC (nodad, deprecated) as advert source.
        var addresses = Out(rig.High, "addr", "show", "vrrp.53");
        Assert.Contains($"inet6 {linkLocal}/64 scope link nodad deprecated", addresses, StringComparison.Ordinal);
        Eventually.True(() => Out(rig.High, "addr", "show", "vrrp.53").Contains("inet6 2001:db8::53/64 scope global nodad", StringComparison.Ordinal), TimeSpan.FromSeconds(3), "VIP on the VMAC");
        Assert.Contains("elements = { fe80::53 . \"vrrp.53\" }", rig.High.Exec("nft", "list", "table", "ip6", "keepalived").StdOut, StringComparison.Ordinal);
        using (var capture = new PacketCapture(rig.Lab, rig.Client, "eth0", "ip6 proto 112"))
        {
            Thread.Sleep(2500);
            Assert.Matches("00:00:5e:00:02:35 > 33:33:00:00:00:12.*\n.*" + Regex.Escape(linkLocal) + " > ff02::12: VRRPv3", capture.StopAndDecode());
        }

        rig.HighNode.Stop();
        Assert.Equal("", Out(rig.High, "link", "show", "type", "macvlan").Trim());
        Assert.Equal("", rig.High.Exec("nft", "list", "ruleset").StdOut.Trim());
    }

    [NetTheory("keepalived")]
    [InlineData(true)]
    [InlineData(false)]
    public void UseVmac_DeletedByHand_IsCreatedAgain_AndTheInstanceReturnsToMaster(bool vigil)
    {
        using var rig = new Rig(vigil);
        rig.HighNode.Configure(Config(150, "use_vmac")).Start();
        Assert.True(rig.HighNode.WaitForLog(@"\(VI_1\) Entering MASTER STATE", Election), rig.HighNode.Log);
        rig.High.Ip("link", "del", "vrrp.51");

        // keepalived 2.2.7: "Netlink reports vrrp.51 down", FAULT, "Interface vrrp.51 deleted", "Success creating VMAC
        // interface vrrp.51", "Netlink reports vrrp.51 up", BACKUP, MASTER.
        Assert.True(rig.HighNode.WaitForLog(@"Interface vrrp\.51 deleted", TimeSpan.FromSeconds(5)), rig.HighNode.Log);
        Assert.True(rig.HighNode.WaitForLog(@"\(VI_1\): Success creating VMAC interface vrrp\.51", TimeSpan.FromSeconds(5), 2), rig.HighNode.Log);
        Assert.True(rig.HighNode.WaitForLog(@"\(VI_1\) Entering MASTER STATE", Election, 2), rig.HighNode.Log);
        Assert.True(rig.HighNode.CountLog(@"\(VI_1\) Entering FAULT STATE") == 1, rig.HighNode.Log);
        Eventually.True(() => Out(rig.High, "addr", "show", "vrrp.51").Contains("inet " + Vip + "/32", StringComparison.Ordinal), TimeSpan.FromSeconds(3), "VIP back on the new VMAC\n" + rig.HighNode.Log);
        Assert.Contains("link/ether " + VirtualMac, Out(rig.High, "link", "show", "vrrp.51"), StringComparison.Ordinal);
    }

    [NetFact("tcpdump")]
    public void VmacXmitBase_AdvertsUseTheParentsMac_VipStaysOnTheVmac()
    {
        using var rig = new Rig(true);
        var parentMac = Regex.Match(Out(rig.High, "link", "show", "eth0"), "link/ether ([0-9a-f:]+)").Groups[1].Value;
        rig.HighNode.Configure(Config(150, "use_vmac vrrp51x\nvmac_xmit_base")).Start();
        Assert.True(rig.HighNode.WaitForLog(@"\(VI_1\) Entering MASTER STATE", Election), rig.HighNode.Log);
        Eventually.True(() => Out(rig.High, "addr", "show", "vrrp51x").Contains("inet " + Vip, StringComparison.Ordinal), TimeSpan.FromSeconds(3), "VIP on the VMAC");
        Assert.Equal(VirtualMac, ClientSeesMac(rig));
        using var capture = new PacketCapture(rig.Lab, rig.Client, "eth0", "ip proto 112");
        Thread.Sleep(2500);
        var decoded = capture.StopAndDecode();
        Assert.Matches(parentMac + " > 01:00:5e:00:00:12", decoded);
        Assert.DoesNotContain(VirtualMac + " > 01:00:5e:00:00:12", decoded, StringComparison.Ordinal);
    }

    private const string Statics = """
        static_ipaddress {
            198.51.100.10/32 dev eth0
        }
        static_routes {
            198.51.100.128/25 via 192.0.2.254 dev eth0
        }
        static_rules {
            from 198.51.100.10 table 100 priority 100
        }
        """;

    private const string VirtualRoutes = """
        virtual_routes {
            203.0.113.0/25 via 192.0.2.254 dev eth0
            src 203.0.113.100 198.51.100.0/26 dev eth0 table 200
        }
        virtual_rules {
            from 203.0.113.100 table 200 priority 200
        }
        """;

    private static bool HasVirtualRoutes(NetNs ns) =>
        Out(ns, "route", "show", "203.0.113.0/25").Contains("via 192.0.2.254 dev eth0 proto keepalived", StringComparison.Ordinal) &&
        Out(ns, "-d", "route", "show", "table", "200").Contains("unicast 198.51.100.0/26 dev eth0 proto keepalived scope global src 203.0.113.100", StringComparison.Ordinal) &&
        Out(ns, "rule").Contains("200:\tfrom 203.0.113.100 lookup 200 proto keepalived", StringComparison.Ordinal);

    private static bool HasNoVirtualRoutes(NetNs ns) =>
        Out(ns, "route", "show", "203.0.113.0/25").Trim().Length == 0 && Out(ns, "route", "show", "table", "200").Trim().Length == 0 &&
        !Out(ns, "rule").Contains("203.0.113.100", StringComparison.Ordinal);

    private static bool HasStatics(NetNs ns) =>
        ns.HasAddress("198.51.100.10") &&
        Out(ns, "route", "show", "198.51.100.128/25").Contains("via 192.0.2.254 dev eth0 proto keepalived", StringComparison.Ordinal) &&
        Out(ns, "rule").Contains("100:\tfrom 198.51.100.10 lookup 100 proto keepalived", StringComparison.Ordinal);

    [NetTheory("keepalived")]
    [InlineData(true, true)]
    [InlineData(true, false)]
    [InlineData(false, false)]
    public void VirtualRoutesFollowMaster_StaticOnesLiveFromStartToStop(bool highVigil, bool lowVigil)
    {
        using var rig = new Rig(highVigil, lowVigil, withLow: true);
        rig.HighNode.Configure(Config(150, VirtualRoutes, top: Statics)).Start();
        rig.LowNode!.Configure(Config(100, VirtualRoutes, top: Statics)).Start();
        Assert.True(rig.HighNode.WaitForLog(@"\(VI_1\) Entering MASTER STATE", Election), rig.HighNode.Log);
        Assert.True(rig.LowNode.WaitForLog(@"\(VI_1\) Entering BACKUP STATE", Election), rig.LowNode.Log);
        Eventually.True(() => HasVirtualRoutes(rig.High), TimeSpan.FromSeconds(3), "routes on the master\n" + Out(rig.High, "route", "show", "table", "all"));
        Assert.True(HasNoVirtualRoutes(rig.Low!), "no virtual routes on the backup");
        Assert.True(HasStatics(rig.High) && HasStatics(rig.Low!), "static entries on both");
        var master = rig.HighNode.Log;
        Assert.True(master.IndexOf("(VI_1) setting VIPs.", StringComparison.Ordinal) < master.IndexOf("(VI_1) setting Virtual Routes", StringComparison.Ordinal) &&
            master.IndexOf("(VI_1) setting Virtual Routes", StringComparison.Ordinal) < master.IndexOf("(VI_1) setting Virtual Rules", StringComparison.Ordinal), master);

        rig.HighNode.Stop();
        Assert.True(rig.LowNode.WaitForLog(@"\(VI_1\) Entering MASTER STATE", Election), rig.LowNode.Log);
        Eventually.True(() => HasVirtualRoutes(rig.Low!), TimeSpan.FromSeconds(3), "routes moved to the new master");
        Assert.True(HasNoVirtualRoutes(rig.High), "routes removed from the stopped master");
        Assert.False(rig.High.HasAddress("198.51.100.10"), "static address removed at stop");
        Assert.Equal("", Out(rig.High, "route", "show", "198.51.100.128/25").Trim());
        Assert.DoesNotContain("198.51.100.10", Out(rig.High, "rule"), StringComparison.Ordinal);
        Assert.True(HasStatics(rig.Low!), "the running daemon keeps its static entries");

        // A static address deleted by hand is put back, with keepalived 2.2.7's line.
        rig.Low!.Ip("addr", "del", "198.51.100.10/32", "dev", "eth0");
        Assert.True(rig.LowNode.WaitForLog(@"Restoring deleted static address 198\.51\.100\.10 dev eth0 scope global set", TimeSpan.FromSeconds(5)), rig.LowNode.Log);
        Eventually.True(() => rig.Low!.HasAddress("198.51.100.10"), TimeSpan.FromSeconds(5), "static address restored\n" + rig.LowNode.Log);
    }

    [NetFact]
    public void DeletedRoutesAndRules_ArePutBack_UnlessNoTrack()
    {
        using var rig = new Rig(true);
        var routes = VirtualRoutes.Replace("table 200\n", "table 200 no_track\n", StringComparison.Ordinal);
        rig.HighNode.Configure(Config(150, routes, top: Statics)).Start();
        Assert.True(rig.HighNode.WaitForLog(@"\(VI_1\) Entering MASTER STATE", Election), rig.HighNode.Log);
        Eventually.True(() => HasVirtualRoutes(rig.High) && HasStatics(rig.High), TimeSpan.FromSeconds(3), "all set");

        rig.High.Ip("route", "del", "203.0.113.0/25", "via", "192.0.2.254", "dev", "eth0");
        rig.High.Ip("route", "del", "198.51.100.128/25", "via", "192.0.2.254", "dev", "eth0");
        rig.High.Ip("rule", "del", "priority", "200");
        rig.High.Ip("route", "del", "198.51.100.0/26", "table", "200");
        Assert.True(rig.HighNode.WaitForLog(@"route 203.0.113.0/25 was deleted; restoring it", TimeSpan.FromSeconds(5)), rig.HighNode.Log);
        Eventually.True(
            () => Out(rig.High, "route", "show", "203.0.113.0/25").Contains("proto keepalived", StringComparison.Ordinal) &&
                Out(rig.High, "route", "show", "198.51.100.128/25").Contains("proto keepalived", StringComparison.Ordinal) &&
                Out(rig.High, "rule").Contains("200:\tfrom 203.0.113.100 lookup 200 proto keepalived", StringComparison.Ordinal),
            TimeSpan.FromSeconds(5),
            "tracked entries restored\n" + rig.HighNode.Log);
        Assert.Equal("", Out(rig.High, "route", "show", "table", "200").Trim()); // no_track: stays deleted
    }

    /// <summary>ping and a TCP connection to port 80 of the VIP from the client: "answered" (echo reply / connection
    /// refused by the master's kernel) or "dropped" (no reply / timeout).</summary>
    private static (bool Ping, bool Tcp) Answers(NetNs client)
    {
        var ping = client.Exec(TimeSpan.FromSeconds(10), "ping", "-c", "2", "-W", "1", Vip).ExitCode == 0;
        var tcp = client.Exec(TimeSpan.FromSeconds(10), "timeout", "3", "bash", "-c", $"echo > /dev/tcp/{Vip}/80").ExitCode;
        return (ping, tcp != 124);
    }

    [NetTheory("keepalived", "nft")]
    [InlineData(true, "", "", true)]
    [InlineData(false, "", "", true)]
    [InlineData(true, "", "no_accept", false)]
    [InlineData(false, "", "no_accept", false)]
    [InlineData(true, "vrrp_strict", "", false)]
    [InlineData(false, "vrrp_strict", "", false)]
    [InlineData(true, "vrrp_strict", "priority 255", true)]
    public void AcceptMode_TrafficToTheVip_AsKeepalived(bool vigil, string global, string instance, bool answered)
    {
        using var rig = new Rig(vigil, withLow: true, lowVigil: vigil);
        rig.HighNode.Configure(Config(150, instance, global)).Start();
        rig.LowNode!.Configure(Config(100, "", global)).Start();
        Assert.True(rig.HighNode.WaitForLog(@"\(VI_1\) Entering MASTER STATE", Election), rig.HighNode.Log);
        Assert.True(rig.LowNode.WaitForLog(@"\(VI_1\) Entering BACKUP STATE", Election), rig.LowNode.Log);
        Eventually.True(() => rig.High.HasAddress(Vip), TimeSpan.FromSeconds(3), "VIP on the master");

        // The master answers ARP for the VIP in every mode; accept mode decides about IP traffic to it.
        Assert.Equal((answered, answered), Answers(rig.Client));
        var ruleset = rig.High.Exec("nft", "list", "ruleset").StdOut;
        Assert.Equal(!answered, ruleset.Contains("elements = { 203.0.113.100 }", StringComparison.Ordinal));
        Assert.Equal(!answered, rig.HighNode.Log.Contains("(VI_1) setting firewall drop rule", StringComparison.Ordinal));

        // On the backup the VIP is not configured; with accept off its (empty) table never drops anything else.
        var lowRuleset = rig.Low!.Exec("nft", "list", "ruleset").StdOut;
        Assert.DoesNotContain("203.0.113.100", lowRuleset, StringComparison.Ordinal);
        Assert.Equal(0, rig.Client.Exec("ping", "-c", "1", "-W", "2", "192.0.2.2").ExitCode);

        // Failover: the new master applies the same mode; the stopped one removes its table.
        rig.HighNode.Stop();
        Assert.True(rig.LowNode.WaitForLog(@"\(VI_1\) Entering MASTER STATE", Election), rig.LowNode.Log);
        Eventually.True(() => rig.Low.HasAddress(Vip), TimeSpan.FromSeconds(3), "VIP moved");
        rig.Client.Ip("neigh", "flush", "dev", "eth0");
        var lowAnswers = global.Length == 0; // the backup was configured without no_accept or priority 255
        Assert.Equal((lowAnswers, lowAnswers), Answers(rig.Client));
        Assert.Equal("", rig.High.Exec("nft", "list", "ruleset").StdOut.Trim());
    }
}
