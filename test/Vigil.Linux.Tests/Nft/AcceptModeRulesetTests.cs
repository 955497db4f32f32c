using System.Net;
using System.Net.Sockets;
using Vigil.Linux.Nft;
using Vigil.Linux.VrrpRuntime;
using Vigil.Testing;

namespace Vigil.Linux.Tests.Nft;

/// <summary>
/// keepalived 2.2.7's accept-mode / VMAC table: the command text, and what the kernel holds after it ran in a
/// namespace, compared with <c>nft list ruleset</c> captured from keepalived 2.2.7 (no_accept + use_vmac, and
/// vrrp_strict with IPv4 and IPv6 instances, while MASTER).
/// </summary>
public class AcceptModeRulesetTests
{
    private static readonly AcceptModeRuleset s_rules = new();

    [Fact]
    public void Ipv4_AcceptModeText_IsKeepalivedsTable()
    {
        Assert.Equal(
            "add table ip keepalived\nadd chain ip keepalived out { type filter hook output priority -1; policy accept; }\n",
            s_rules.Base(AddressFamily.InterNetwork));
        Assert.Equal(
            "add set ip keepalived vips { type ipv4_addr; }\n" +
            "add chain ip keepalived in { type filter hook input priority -1; policy accept; }\n" +
            "add rule ip keepalived out ip saddr @vips drop\n" +
            "add rule ip keepalived in ip daddr @vips drop\n",
            s_rules.AcceptMode(AddressFamily.InterNetwork));
        Assert.Equal(
            "add element ip keepalived vips { 203.0.113.100, 203.0.113.101 }\n",
            s_rules.VipElements(AddressFamily.InterNetwork, [(IPAddress.Parse("203.0.113.100"), "eth0"), (IPAddress.Parse("203.0.113.101"), "eth0")], add: true));
        Assert.Equal(
            "delete element ip keepalived vips { 203.0.113.100 }\n",
            s_rules.VipElements(AddressFamily.InterNetwork, [(IPAddress.Parse("203.0.113.100"), "eth0")], add: false));
    }

    [Fact]
    public void Ipv6_LinkLocalVips_GoInTheLinkLocalSet_WithTheirInterface()
    {
        Assert.Equal(
            "add element ip6 keepalived vips { 2001:db8::53 }\nadd element ip6 keepalived vips_link_local { fe80::53 . \"eth0\" }\n",
            s_rules.VipElements(AddressFamily.InterNetworkV6, [(IPAddress.Parse("fe80::53"), "eth0"), (IPAddress.Parse("2001:db8::53"), "eth0")], add: true));
        Assert.Contains("add rule ip6 keepalived in ip6 daddr fe80::/10 goto in_link_local\n", s_rules.AcceptMode(AddressFamily.InterNetworkV6), StringComparison.Ordinal);
    }

    [Fact]
    public void VmacFilter_DuplicatesIgmpToTheParent()
    {
        Assert.Equal(
            "add map ip keepalived vmac_map { type iface_index : iface_index; }\n" +
            "add rule ip keepalived out ip protocol igmp meta oifkind \"macvlan\" dup to ip daddr device oif map @vmac_map drop\n",
            s_rules.VmacFilter(AddressFamily.InterNetwork));
        Assert.Equal("add element ip keepalived vmac_map { \"vrrp.51\" : \"eth0\" }\n", s_rules.VmacElements(AddressFamily.InterNetwork, "vrrp.51", "eth0", add: true));
        Assert.Throws<ArgumentException>(() => s_rules.VmacElements(AddressFamily.InterNetwork, "bad\"name", "eth0", add: true));
    }

    [Fact]
    public void Firewall_CreatesEachObjectOnce_AndDeletesOnlyHeldElements()
    {
        var sent = new List<string>();
        var fw = new AcceptModeFirewall(s_rules, t =>
        {
            sent.Add(t);
            return new NftResult(0, "", "");
        });
        IReadOnlyList<(IPAddress, string)> vip1 = [(IPAddress.Parse("203.0.113.100"), "eth0")];
        IReadOnlyList<(IPAddress, string)> vip2 = [(IPAddress.Parse("203.0.113.101"), "eth0")];
        Assert.Null(fw.Add("VI_1", vip1));
        Assert.Null(fw.Add("VI_2", vip2));
        Assert.Null(fw.Add("VI_2", vip2)); // already held: nothing sent
        Assert.Null(fw.Remove("VI_1"));
        Assert.Null(fw.Remove("VI_1")); // not held: nothing sent
        Assert.Null(fw.Teardown());
        Assert.Equal(
        [
            s_rules.Base(AddressFamily.InterNetwork) + s_rules.AcceptMode(AddressFamily.InterNetwork) + "add element ip keepalived vips { 203.0.113.100 }\n",
            "add element ip keepalived vips { 203.0.113.101 }\n",
            "delete element ip keepalived vips { 203.0.113.100 }\n",
            "add table ip keepalived\ndelete table ip keepalived\n",
        ], sent);
    }

    [Fact]
    public void Firewall_Failure_IsReportedAndNothingIsRemembered()
    {
        var fw = new AcceptModeFirewall(s_rules, _ => new NftResult(1, "", "Error: No such file or directory"));
        Assert.Equal("nftables: Error: No such file or directory", fw.Add("VI_1", [(IPAddress.Parse("203.0.113.100"), "eth0")]));
        Assert.Null(fw.Remove("VI_1"));
    }

    [NetFact("nft")]
    public void InANamespace_TheKernelHoldsKeepalivedsRuleset()
    {
        using var lab = new Lab();
        var ns = lab.Host("fw");
        var sw = lab.Switch();
        lab.Attach(ns, "eth0", sw);
        ns.Ip("link", "add", "link", "eth0", "name", "vrrp.51", "type", "macvlan", "mode", "private");
        var fw = ns.Run(() => new AcceptModeFirewall());
        Assert.Null(ns.Run(() => fw.Reset()));
        Assert.Null(ns.Run(() => fw.AddVmac(AddressFamily.InterNetwork, "vrrp.51", "eth0")));
        Assert.Null(ns.Run(() => fw.Add("VI_1", [(IPAddress.Parse("203.0.113.100"), "vrrp.51")])));
        Assert.Null(ns.Run(() => fw.Add("VI_6", [(IPAddress.Parse("fe80::53"), "eth0"), (IPAddress.Parse("2001:db8::53"), "eth0")])));

        // keepalived 2.2.7, no_accept + use_vmac, MASTER (nft list table ip keepalived), verbatim.
        Assert.Equal(
            """
            table ip keepalived {
            	map vmac_map {
            		type iface_index : iface_index
            		elements = { "vrrp.51" : "eth0" }
            	}

            	set vips {
            		type ipv4_addr
            		elements = { 203.0.113.100 }
            	}

            	chain out {
            		type filter hook output priority filter - 1; policy accept;
            		ip protocol igmp meta oifkind "macvlan" dup to ip daddr device oif map @vmac_map drop
            		ip saddr @vips drop
            	}

            	chain in {
            		type filter hook input priority filter - 1; policy accept;
            		ip daddr @vips drop
            	}
            }

            """,
            ns.Exec("nft", "list", "table", "ip", "keepalived").StdOut);

        // keepalived 2.2.7, vrrp_strict IPv6 instance with fe80::53 and 2001:db8::53, MASTER.
        Assert.Equal(
            """
            table ip6 keepalived {
            	set vips {
            		type ipv6_addr
            		elements = { 2001:db8::53 }
            	}

            	set neighbor-discovery {
            		type icmpv6_type
            		flags constant
            		elements = { nd-neighbor-solicit,
            			     nd-neighbor-advert }
            	}

            	set vips_link_local {
            		type ipv6_addr . iface_index
            		elements = { fe80::53 . "eth0" }
            	}

            	chain out {
            		type filter hook output priority filter - 1; policy accept;
            		icmpv6 type @neighbor-discovery accept
            		ip6 saddr fe80::/10 goto out_link_local
            		ip6 saddr @vips drop
            	}

            	chain in {
            		type filter hook input priority filter - 1; policy accept;
            		icmpv6 type @neighbor-discovery accept
            		ip6 daddr fe80::/10 goto in_link_local
            		ip6 daddr @vips drop
            	}

            	chain in_link_local {
            		ip6 daddr . iif @vips_link_local drop
            	}

            	chain out_link_local {
            		ip6 saddr . oif @vips_link_local drop
            	}
            }

            """,
            ns.Exec("nft", "list", "table", "ip6", "keepalived").StdOut);

        // Leaving MASTER empties the sets (they stay); at exit the tables go.
        Assert.Null(ns.Run(() => fw.Remove("VI_1")));
        Assert.DoesNotContain("203.0.113.100", ns.Exec("nft", "list", "table", "ip", "keepalived").StdOut, StringComparison.Ordinal);
        Assert.Null(ns.Run(() => fw.Teardown()));
        Assert.Equal("", ns.Exec("nft", "list", "ruleset").StdOut.Trim());
    }
}
