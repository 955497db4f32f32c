using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Vigil.Linux.Interop;
using Vigil.Linux.Netlink;
using Vigil.Linux.Rtnl;
using Vigil.Testing;

namespace Vigil.Linux.Tests.Rtnl;

public class RtnlClientTests
{
    private static JsonElement Json(NetNs ns, params string[] args) =>
        JsonDocument.Parse(ns.Ip(["-j", .. args]).StdOut).RootElement;

    private static NetNs HostWithVeth(Lab lab)
    {
        var h = lab.Host("h");
        h.Ip("link", "add", "v0", "type", "veth", "peer", "name", "v1");
        h.Ip("link", "set", "v0", "up");
        h.Ip("link", "set", "v1", "up");
        return h;
    }

    [NetFact]
    public void Links_DumpGetCreateMacvlanSetUpDelete_AgreeWithIp()
    {
        using var lab = new Lab();
        var h = HostWithVeth(lab);
        h.Ip("link", "set", "v1", "arp", "off");
        h.Ip("link", "add", "br9", "type", "bridge");
        h.Ip("link", "set", "v1", "master", "br9");

        var (links, byName, byIndex, missing, vmac, vmacUp) = h.Run(() =>
        {
            using var rt = RtnlClient.Open();
            var links = rt.GetLinks();
            var v0 = rt.GetLink("v0")!;
            var vmac = rt.CreateMacvlan(v0.Index, "vrrp.51", RtnlClient.VirtualMac(51, AddressFamily.InterNetwork));
            rt.SetLinkUp(vmac.Index, true);
            var vmacUp = rt.GetLink(vmac.Index)!;
            return (links, v0, rt.GetLink(v0.Index), rt.GetLink("nosuch0"), vmac, vmacUp);
        });

        var ipLinks = Json(h, "link", "show");
        Assert.Equal(links.Count + 1, ipLinks.GetArrayLength()); // the macvlan was created after the dump
        var v1 = links.Single(l => l.Name == "v1");
        Assert.True(v1.IsNoArp);
        Assert.Equal("veth", v1.Kind);
        Assert.Equal(links.Single(l => l.Name == "br9").Index, v1.MasterIndex);
        Assert.Equal("bridge", links.Single(l => l.Name == "br9").Kind);
        Assert.Equal(byName.Index, v1.LinkIndex); // a veth's IFLA_LINK is its peer
        Assert.True(byName.IsUp);
        Assert.Equal(byName, byIndex);
        Assert.Null(missing);
        Assert.Equal(1500, byName.Mtu);
        Assert.Equal(Json(h, "link", "show", "v0")[0].GetProperty("address").GetString(), string.Join(':', byName.Address!.GetAddressBytes().Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture))));

        Assert.False(vmac.IsUp);
        Assert.True(vmacUp.IsUp);
        Assert.Equal(byName.Index, vmac.LinkIndex);
        Assert.Equal("macvlan", vmac.Kind);
        Assert.Equal((uint)MacvlanMode.Private, vmac.MacvlanMode);
        var ip = Json(h, "-d", "link", "show", "vrrp.51")[0];
        Assert.Equal("00:00:5e:00:01:33", ip.GetProperty("address").GetString());
        Assert.Equal("private", ip.GetProperty("linkinfo").GetProperty("info_data").GetProperty("mode").GetString());
        Assert.Equal("v0", ip.GetProperty("link").GetString());
        Assert.Contains("UP", ip.GetProperty("flags").EnumerateArray().Select(f => f.GetString()));

        var (dup, gone) = h.Run(() =>
        {
            using var rt = RtnlClient.Open();
            var dup = Assert.Throws<NetlinkException>(() => rt.CreateMacvlan(byName.Index, "vrrp.51", RtnlClient.VirtualMac(51, AddressFamily.InterNetwork)));
            rt.SetIpv6AddressGenerationMode(vmac.Index, 1);
            rt.DeleteLink(vmac.Index);
            return (dup.Errno, rt.GetLink("vrrp.51"));
        });
        Assert.Equal(Errno.EEXIST, dup);
        Assert.Null(gone);
    }

    [NetFact]
    public void Addresses_AddWithOptionsDumpDelete_AgreeWithIp()
    {
        using var lab = new Lab();
        var h = HostWithVeth(lab);
        h.AddAddress("v0", "198.51.100.1/24");

        var index = h.Run(() =>
        {
            using var rt = RtnlClient.Open();
            var index = rt.GetLink("v0")!.Index;
            rt.AddAddress(new AddressEntry(index, IPAddress.Parse("192.0.2.10"), 24)
            {
                Broadcast = IPAddress.Parse("192.0.2.255"),
                Label = "v0:vip",
                Scope = RouteScope.Link,
                Flags = AddressFlags.NoPrefixRoute,
                Protocol = 18,
            });
            rt.AddAddress(AddressEntry.ForVirtualAddress(index, IPAddress.Parse("2001:db8::100"), 128));
            rt.AddAddress(new AddressEntry(index, IPAddress.Parse("203.0.113.1"), 32) { Peer = IPAddress.Parse("203.0.113.2") });
            rt.AddAddress(new AddressEntry(index, IPAddress.Parse("2001:db8:1::1"), 64) { Flags = AddressFlags.NoDad | AddressFlags.HomeAddress | AddressFlags.ManageTempAddress });
            return index;
        });

        var infos = Json(h, "addr", "show", "dev", "v0")[0].GetProperty("addr_info").EnumerateArray().ToList();
        JsonElement Info(string local) => infos.Single(i => i.GetProperty("local").GetString() == local);

        var v4 = Info("192.0.2.10");
        Assert.Equal("192.0.2.255", v4.GetProperty("broadcast").GetString());
        Assert.Equal("v0:vip", v4.GetProperty("label").GetString());
        Assert.Equal("link", v4.GetProperty("scope").GetString());
        Assert.True(v4.GetProperty("noprefixroute").GetBoolean());
        var v6 = Info("2001:db8::100");
        Assert.Equal(128, v6.GetProperty("prefixlen").GetInt32());
        Assert.True(v6.GetProperty("nodad").GetBoolean());
        Assert.True(v6.GetProperty("deprecated").GetBoolean());
        Assert.Equal(0, v6.GetProperty("preferred_life_time").GetInt64());
        Assert.Equal("203.0.113.2", Info("203.0.113.1").GetProperty("address").GetString());
        var flagged = Info("2001:db8:1::1");
        Assert.True(flagged.GetProperty("home").GetBoolean());
        Assert.True(flagged.GetProperty("mngtmpaddr").GetBoolean());
        Assert.False(flagged.TryGetProperty("tentative", out _)); // nodad: usable at once

        var (dump, v6only, missing) = h.Run(() =>
        {
            using var rt = RtnlClient.Open();
            var dump = rt.GetAddresses(AddressFamily.Unspecified, index);
            var v6only = rt.GetAddresses(AddressFamily.InterNetworkV6);
            rt.DeleteAddress(new AddressEntry(index, IPAddress.Parse("192.0.2.10"), 24));
            rt.DeleteAddress(AddressEntry.ForVirtualAddress(index, IPAddress.Parse("2001:db8::100"), 128));
            rt.DeleteAddress(new AddressEntry(index, IPAddress.Parse("203.0.113.1"), 32) { Peer = IPAddress.Parse("203.0.113.2") });
            var missing = Assert.Throws<NetlinkException>(() => rt.DeleteAddress(new AddressEntry(index, IPAddress.Parse("192.0.2.10"), 24)));
            return (dump, v6only, missing.Errno);
        });

        // The kernel's extended-ack text travels with the errno.
        var refused = h.Run(() =>
        {
            using var rt = RtnlClient.Open();
            return Assert.Throws<NetlinkException>(() => rt.AddAddress(new AddressEntry(index, IPAddress.Parse("198.51.100.2"), 24) { Scope = RouteScope.Host }));
        });
        Assert.Equal(Errno.EINVAL, refused.Errno);
        Assert.Equal("ipv4: Invalid scope value", refused.KernelMessage);

        var vip = dump.Single(a => a.Address.Equals(IPAddress.Parse("192.0.2.10")));
        Assert.Equal("v0:vip", vip.Label);
        Assert.Equal(RouteScope.Link, vip.Scope);
        Assert.Equal(IPAddress.Parse("192.0.2.255"), vip.Broadcast);
        Assert.True(vip.Flags.HasFlag(AddressFlags.NoPrefixRoute));
        Assert.Equal((byte)18, vip.Protocol);
        var vip6 = dump.Single(a => a.Address.Equals(IPAddress.Parse("2001:db8::100")));
        Assert.True(vip6.Flags.HasFlag(AddressFlags.NoDad));
        Assert.Equal(0u, vip6.PreferredLifetime);
        Assert.Equal(IPAddress.Parse("203.0.113.2"), dump.Single(a => a.Address.Equals(IPAddress.Parse("203.0.113.1"))).Peer);
        Assert.All(v6only, a => Assert.Equal(AddressFamily.InterNetworkV6, a.Family));
        Assert.Equal(Errno.EADDRNOTAVAIL, missing);
        Assert.False(h.HasAddress("192.0.2.10"));
        Assert.False(h.HasAddress("2001:db8::100"));
        Assert.True(h.HasAddress("198.51.100.1"));
    }

    [NetFact]
    public void Routes_AddMultipathBlackholeIpv6DumpDelete_AgreeWithIp()
    {
        using var lab = new Lab();
        var h = HostWithVeth(lab);
        h.AddAddress("v0", "192.0.2.100/24");
        h.AddAddress("v1", "198.51.100.100/24");
        h.Ip("-6", "addr", "add", "2001:db8::100/64", "dev", "v0", "nodad");

        var (v0, v1) = h.Run(() =>
        {
            using var rt = RtnlClient.Open();
            var v0 = rt.GetLink("v0")!.Index;
            var v1 = rt.GetLink("v1")!.Index;
            rt.AddRoute(new RouteEntry(AddressFamily.InterNetwork)
            {
                Destination = IPAddress.Parse("203.0.113.0"),
                DestinationPrefixLength = 24,
                Table = 100,
                Metric = 10,
                Metrics = [new RouteMetric(RouteMetric.Mtu, 1400, Locked: true), new RouteMetric(RouteMetric.AdvMss, 1300)],
                NextHops = [new RouteNextHop(IPAddress.Parse("192.0.2.1"), v0), new RouteNextHop(IPAddress.Parse("198.51.100.1"), v1, Weight: 3)],
            });
            rt.AddRoute(new RouteEntry(AddressFamily.InterNetwork) { Destination = IPAddress.Parse("203.0.113.128"), DestinationPrefixLength = 25, Type = RouteType.Blackhole });
            rt.AddRoute(new RouteEntry(AddressFamily.InterNetwork)
            {
                Destination = IPAddress.Parse("198.18.0.0"),
                DestinationPrefixLength = 15,
                Gateway = IPAddress.Parse("203.0.113.1"),
                OutputInterface = v0,
                OnLink = true,
                PreferredSource = IPAddress.Parse("192.0.2.100"),
                Table = 1000,
                Tos = 0x10,
            });
            rt.AddRoute(new RouteEntry(AddressFamily.InterNetworkV6)
            {
                Destination = IPAddress.Parse("2001:db8:5::"),
                DestinationPrefixLength = 48,
                Gateway = IPAddress.Parse("2001:db8::1"),
                OutputInterface = v0,
                Metric = 5,
                Ipv6Preference = 1,
            });
            return (v0, v1);
        });

        var mp = Json(h, "-d", "route", "show", "table", "100")[0];
        Assert.Equal("203.0.113.0/24", mp.GetProperty("dst").GetString());
        Assert.Equal("keepalived", mp.GetProperty("protocol").GetString());
        Assert.Equal(10, mp.GetProperty("metric").GetInt32());
        var hops = mp.GetProperty("nexthops").EnumerateArray().ToList();
        Assert.Equal(["192.0.2.1", "198.51.100.1"], hops.Select(n => n.GetProperty("gateway").GetString()));
        Assert.Equal([1, 3], hops.Select(n => n.GetProperty("weight").GetInt32()));
        Assert.Contains("mtu lock 1400", h.Ip("-d", "route", "show", "table", "100").StdOut, StringComparison.Ordinal);
        Assert.Contains("advmss 1300", h.Ip("-d", "route", "show", "table", "100").StdOut, StringComparison.Ordinal);
        var bh = Json(h, "route", "show", "203.0.113.128/25")[0];
        Assert.Equal("blackhole", bh.GetProperty("type").GetString());
        var onlink = Json(h, "route", "show", "table", "1000")[0];
        Assert.Equal("198.18.0.0/15", onlink.GetProperty("dst").GetString());
        Assert.Equal("192.0.2.100", onlink.GetProperty("prefsrc").GetString());
        Assert.Equal("0x10", onlink.GetProperty("tos").GetString());
        Assert.Contains("onlink", onlink.GetProperty("flags").EnumerateArray().Select(f => f.GetString()));
        var v6 = Json(h, "-6", "route", "show", "2001:db8:5::/48")[0];
        Assert.Equal("2001:db8::1", v6.GetProperty("gateway").GetString());
        Assert.Equal("high", v6.GetProperty("pref").GetString());
        Assert.Equal("keepalived", v6.GetProperty("protocol").GetString());

        var (dump100, dump6, missing) = h.Run(() =>
        {
            using var rt = RtnlClient.Open();
            var dump100 = rt.GetRoutes(AddressFamily.InterNetwork, 100);
            var dump6 = rt.GetRoutes(AddressFamily.InterNetworkV6);
            foreach (var r in rt.GetRoutes(AddressFamily.InterNetwork).Concat(dump6).Where(r => r.Protocol == 18))
            {
                rt.DeleteRoute(r);
            }

            var missing = Assert.Throws<NetlinkException>(() => rt.DeleteRoute(new RouteEntry(AddressFamily.InterNetwork) { Destination = IPAddress.Parse("203.0.113.128"), DestinationPrefixLength = 25, Type = RouteType.Blackhole }));
            return (dump100, dump6, missing.Errno);
        });

        var parsed = Assert.Single(dump100);
        Assert.Equal(2, parsed.NextHops.Count);
        Assert.Equal(v1, parsed.NextHops[1].InterfaceIndex);
        Assert.Equal(3, parsed.NextHops[1].Weight);
        Assert.Equal(1400u, parsed.MetricValue(RouteMetric.Mtu));
        Assert.True(parsed.Metrics.Single(m => m.Type == RouteMetric.Mtu).Locked);
        var parsed6 = dump6.Single(r => r.Protocol == 18);
        Assert.Equal(v0, parsed6.OutputInterface);
        Assert.Equal((byte)1, parsed6.Ipv6Preference);
        Assert.Equal(Errno.ESRCH, missing);
        Assert.Empty(Json(h, "route", "show", "table", "all", "proto", "keepalived").EnumerateArray());
        Assert.Empty(Json(h, "-6", "route", "show", "table", "all", "proto", "keepalived").EnumerateArray());
    }

    [NetFact]
    public void Rules_AddEveryMatchDumpDelete_AgreeWithIp()
    {
        using var lab = new Lab();
        var h = lab.Host("h");
        var rule = new RuleEntry(AddressFamily.InterNetwork)
        {
            From = IPAddress.Parse("192.0.2.0"),
            FromPrefixLength = 24,
            To = IPAddress.Parse("198.51.100.0"),
            ToPrefixLength = 24,
            Tos = 0x10,
            Table = 100,
            Priority = 1000,
            FirewallMark = 0x10,
            FirewallMask = 0xff,
            InputInterface = "lo",
            OutputInterface = "eth9",
            UidRange = (1000, 2000),
            SourcePortRange = (1024, 2048),
            DestinationPortRange = (80, 80),
            IpProtocol = 6,
            SuppressPrefixLength = 0,
        };
        var v6goto = new RuleEntry(AddressFamily.InterNetworkV6) { From = IPAddress.Parse("2001:db8::"), FromPrefixLength = 32, Priority = 900, Goto = 1000, Invert = true };
        h.Run(() =>
        {
            using var rt = RtnlClient.Open();
            rt.AddRule(rule);
            rt.AddRule(v6goto);
            rt.AddRule(new RuleEntry(AddressFamily.InterNetwork) { Priority = 1100, To = IPAddress.Parse("203.0.113.0"), ToPrefixLength = 24, Action = RuleAction.Blackhole });
        });

        var ip = Json(h, "rule", "show").EnumerateArray().Single(r => r.GetProperty("priority").GetInt32() == 1000);
        Assert.Equal("192.0.2.0", ip.GetProperty("src").GetString());
        Assert.Equal(24, ip.GetProperty("srclen").GetInt32());
        Assert.Equal("198.51.100.0", ip.GetProperty("dst").GetString());
        Assert.Equal("0x10", ip.GetProperty("tos").GetString());
        Assert.Equal("0x10", ip.GetProperty("fwmark").GetString());
        Assert.Equal("0xff", ip.GetProperty("fwmask").GetString());
        Assert.Equal("lo", ip.GetProperty("iif").GetString());
        Assert.Equal("eth9", ip.GetProperty("oif").GetString());
        Assert.Equal(1000, ip.GetProperty("uid_start").GetInt32());
        Assert.Equal(2000, ip.GetProperty("uid_end").GetInt32());
        Assert.Equal("tcp", ip.GetProperty("ipproto").GetString());
        Assert.Equal(1024, ip.GetProperty("sport_start").GetInt32());
        Assert.Equal(80, ip.GetProperty("dport").GetInt32());
        Assert.Equal("100", ip.GetProperty("table").GetString());
        Assert.Equal(0, ip.GetProperty("suppress_prefixlen").GetInt32());
        Assert.Equal("keepalived", ip.GetProperty("protocol").GetString());
        var ip6 = Json(h, "-6", "rule", "show").EnumerateArray().Single(r => r.GetProperty("priority").GetInt32() == 900);
        Assert.Equal("1000", ip6.GetProperty("goto").ToString());
        Assert.True(ip6.GetProperty("not").ValueKind is JsonValueKind.Null or JsonValueKind.True);
        var bh = Json(h, "rule", "show").EnumerateArray().Single(r => r.GetProperty("priority").GetInt32() == 1100);
        Assert.Equal("blackhole", bh.GetProperty("action").GetString());

        var (dump, missing) = h.Run(() =>
        {
            using var rt = RtnlClient.Open();
            var dump = rt.GetRules(AddressFamily.InterNetwork);
            rt.DeleteRule(rule);
            rt.DeleteRule(v6goto);
            rt.DeleteRule(new RuleEntry(AddressFamily.InterNetwork) { Priority = 1100 });
            var missing = Assert.Throws<NetlinkException>(() => rt.DeleteRule(rule));
            return (dump, missing.Errno);
        });
        Assert.Equal(rule with { Action = RuleAction.ToTable }, dump.Single(r => r.Priority == 1000));
        Assert.Equal(Errno.ENOENT, missing);
        Assert.DoesNotContain(Json(h, "rule", "show").EnumerateArray(), r => r.TryGetProperty("protocol", out var p) && p.GetString() == "keepalived");
        Assert.Equal(3, Json(h, "rule", "show").GetArrayLength());
    }
}
