using System.Net;
using System.Net.NetworkInformation;
using System.Text.Json;
using Vigil.Linux.Announce;
using Vigil.Linux.Rtnl;
using Vigil.Linux.Tests.Vrrp;
using Vigil.Testing;

namespace Vigil.Linux.Tests.Announce;

public class AnnouncementSenderTests
{
    private const string NodeMac = "02:00:c0:00:02:01"; // the MAC of the node the vector was captured from

    private static string? NeighbourMac(NetNs ns, string family, string address)
    {
        var json = JsonDocument.Parse(ns.Ip(family, "-j", "neigh", "show", address).StdOut).RootElement;
        return json.GetArrayLength() == 0 || !json[0].TryGetProperty("lladdr", out var mac) ? null : mac.GetString();
    }

    [NetFact("tcpdump")]
    public void GratuitousArp_SentFromOneNamespace_CapturedInAnotherMatchesVectorAndUpdatesNeighbour()
    {
        using var lab = new Lab();
        var sw = lab.Switch();
        var a = lab.Host("a");
        var b = lab.Host("b");
        lab.Attach(a, "eth0", sw, mac: NodeMac);
        lab.Attach(b, "eth0", sw);
        a.AddAddress("eth0", "192.0.2.1/24");
        b.AddAddress("eth0", "192.0.2.2/24");
        b.Exec("sysctl", "-qw", "net.ipv4.neigh.eth0.locktime=0").EnsureSuccess("locktime");
        b.Ip("neigh", "add", "192.0.2.100", "lladdr", "02:00:00:00:00:99", "dev", "eth0", "nud", "stale");
        a.Ip("link", "add", "noarp0", "link", "eth0", "type", "macvlan", "mode", "private");
        a.Ip("link", "set", "noarp0", "arp", "off", "up");
        using var capture = PacketCapture.Start(lab, b, "arp", "eth0");

        var (sent, skipped) = a.Run(() =>
        {
            using var rt = RtnlClient.Open();
            using var sender = AnnouncementSender.Open();
            var noarp = sender.SendGratuitousArp(rt.GetLink("noarp0")!, IPAddress.Parse("192.0.2.100"));
            return (sender.SendGratuitousArp(rt.GetLink("eth0")!, IPAddress.Parse("192.0.2.100")), noarp);
        });

        Assert.True(sent);
        Assert.False(skipped); // NOARP interface: nothing sent
        Eventually.True(() => capture.Frames().Count >= 1, TimeSpan.FromSeconds(5), "GARP captured in b");
        var frame = Assert.Single(capture.Frames());
        Assert.Equal(HexVector.Load("garp.hex"), frame);
        Eventually.True(() => NeighbourMac(b, "-4", "192.0.2.100") == NodeMac, TimeSpan.FromSeconds(5), "b's kernel took the GARP's MAC for the VIP");
    }

    [NetFact("tcpdump")]
    public void UnsolicitedNeighborAdvertisement_IsAcceptedByPeerKernelAndDecodedByTcpdump()
    {
        using var lab = new Lab();
        var sw = lab.Switch();
        var a = lab.Host("a");
        var b = lab.Host("b");
        lab.Attach(a, "eth0", sw, mac: NodeMac);
        lab.Attach(b, "eth0", sw);
        b.Ip("-6", "addr", "add", "2001:db8::2/64", "dev", "eth0", "nodad");
        b.Ip("-6", "neigh", "add", "2001:db8::100", "lladdr", "02:00:00:00:00:99", "dev", "eth0", "nud", "stale");
        using var capture = PacketCapture.Start(lab, b, "icmp6", "eth0");

        a.Run(() =>
        {
            using var rt = RtnlClient.Open();
            using var sender = AnnouncementSender.Open();
            Assert.True(sender.SendUnsolicitedNeighborAdvertisement(rt.GetLink("eth0")!, IPAddress.Parse("2001:db8::100"), router: true));
        });

        // The kernel validates hop limit 255, the checksum and the option before taking the override.
        Eventually.True(() => NeighbourMac(b, "-6", "2001:db8::100") == NodeMac, TimeSpan.FromSeconds(5), "b's kernel took the NA's target link-layer address");
        var text = capture.Decode(1);
        Assert.Contains("hlim 255", text, StringComparison.Ordinal);
        Assert.Contains("2001:db8::100 > ff02::1: [icmp6 sum ok] ICMP6, neighbor advertisement, length 32, tgt is 2001:db8::100, Flags [router, override]", text, StringComparison.Ordinal);
        Assert.Contains("destination link-address option (2), length 8 (1): 02:00:c0:00:02:01", text, StringComparison.Ordinal);
    }
}
