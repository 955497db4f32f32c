using System.Net;
using System.Net.Sockets;
using Vigil.Lb;
using Vigil.Linux.Nft;

namespace Vigil.Linux.Tests.Nft;

public class NftRulesetTests
{
    private static readonly VirtualServiceKey Web = VirtualServiceKey.ForAddress(LbProtocol.Tcp, IPAddress.Parse("198.51.100.100"), 80);

    private static RealServer Rs(int n, int weight = 1) => new(IPAddress.Parse($"203.0.113.1{n}"), 8080, weight);

    [Theory]
    [InlineData(new[] { 3, 1 }, new[] { 0, 0, 0, 1 })]
    [InlineData(new[] { 4, 2 }, new[] { 0, 0, 1 })]
    [InlineData(new[] { 1, 1, 1 }, new[] { 0, 1, 2 })]
    [InlineData(new[] { 2, 0, 3 }, new[] { 2, 0, 2, 0, 2 })]
    public void WeightedRoundRobinSequence_IsIpvsWrrOrder(int[] weights, int[] expected)
    {
        Assert.Equal(expected, NftRuleset.WeightedRoundRobinSequence(weights));
    }

    [Fact]
    public void ServiceChange_NewRoundRobin_WritesChainsPicksAndDispatch()
    {
        var script = new NftRuleset().ServiceChange(null, new VirtualService(Web, [Rs(1), Rs(2)]) with { Scheduler = "rr" });

        Assert.Equal(
            """
            add chain inet vigil_lb s0
            add chain inet vigil_lb s0d0
            add rule inet vigil_lb s0d0 meta l4proto tcp counter dnat ip to 203.0.113.11:8080
            add chain inet vigil_lb s0d1
            add rule inet vigil_lb s0d1 meta l4proto tcp counter dnat ip to 203.0.113.12:8080
            add rule inet vigil_lb s0 numgen inc mod 2 vmap { 0 : goto s0d0, 1 : goto s0d1 }
            add element inet vigil_lb d4 { 198.51.100.100 . tcp . 80 : goto s0 }

            """.ReplaceLineEndings("\n"),
            script);
    }

    [Fact]
    public void ServiceChange_PersistentWithGranularity_KeysSetsByMaskedSource()
    {
        var service = new VirtualService(Web, [Rs(1), Rs(2, weight: 0)]) with { Scheduler = "wrr", PersistenceTimeout = 360, PersistenceGranularity = 24 };

        var script = new NftRuleset().ServiceChange(null, service);

        Assert.Contains("add set inet vigil_lb s0d0p { type ipv4_addr; flags dynamic,timeout; timeout 360s; }", script, StringComparison.Ordinal);
        Assert.Contains("add rule inet vigil_lb s0d0 meta l4proto tcp update @s0d0p { ip saddr & 255.255.255.0 } counter dnat ip to 203.0.113.11:8080", script, StringComparison.Ordinal);
        Assert.Contains("add rule inet vigil_lb s0 ip saddr & 255.255.255.0 @s0d1p goto s0d1", script, StringComparison.Ordinal); // weight 0 still honours persistence
        Assert.Contains("add rule inet vigil_lb s0 goto s0d0", script, StringComparison.Ordinal);                                  // the only server with weight
    }

    [Fact]
    public void ServiceChange_WeightOnly_RewritesTheServiceChainButKeepsServerChainsAndSets()
    {
        var ruleset = new NftRuleset();
        var before = new VirtualService(Web, [Rs(1), Rs(2)]) with { Scheduler = "wrr", PersistenceTimeout = 60 };
        ruleset.ServiceChange(null, before);

        var script = ruleset.ServiceChange(before, before with { Destinations = [Rs(1, weight: 3), Rs(2)] });

        Assert.Equal(
            """
            flush chain inet vigil_lb s0
            add rule inet vigil_lb s0 ip saddr @s0d0p goto s0d0
            add rule inet vigil_lb s0 ip saddr @s0d1p goto s0d1
            add rule inet vigil_lb s0 numgen inc mod 4 vmap { 0-2 : goto s0d0, 3 : goto s0d1 }

            """.ReplaceLineEndings("\n"),
            script);
    }

    [Fact]
    public void ServiceChange_Removal_DeletesDispatchThenChainsThenSets()
    {
        var ruleset = new NftRuleset();
        var fw = new VirtualService(VirtualServiceKey.ForFwMark(7, AddressFamily.InterNetworkV6), [new RealServer(IPAddress.Parse("2001:db8::11"), 0)]) with { Scheduler = "sh", PersistenceTimeout = 30 };
        ruleset.ServiceChange(null, fw);

        var script = ruleset.ServiceChange(fw, null);

        Assert.Equal(
            """
            delete element inet vigil_lb fm6 { 7 }
            flush chain inet vigil_lb s0
            flush chain inet vigil_lb s0d0
            delete chain inet vigil_lb s0d0
            delete set inet vigil_lb s0d0p
            delete chain inet vigil_lb s0

            """.ReplaceLineEndings("\n"),
            script);
    }

    [Fact]
    public void ServiceChange_SourceHashWithPort_HashesAddressAndPortWithAFixedSeed()
    {
        var script = new NftRuleset().ServiceChange(null, new VirtualService(Web, [Rs(1, 2), Rs(2, 1)]) with { Scheduler = "sh", SchedulerFlags = SchedulerFlagNames.Port });

        Assert.Contains("add rule inet vigil_lb s0 jhash ip saddr . th sport mod 3 seed 0x56696731 vmap { 0-1 : goto s0d0, 2 : goto s0d1 }", script, StringComparison.Ordinal);
    }

    [Fact]
    public void Capabilities_NameEverythingNftablesCannotDo()
    {
        var bad = new VirtualService(Web, [Rs(1) with { Method = LvsMethod.Tun }, Rs(2) with { UpperThreshold = 5 }]) with { OnePacket = true, PersistenceEngine = "sip", PersistenceTimeout = 1 };

        var problems = NftCapabilities.Check(new LbState([bad])).Select(p => p.Message).ToList();

        Assert.Contains(problems, m => m.Contains("scheduler wlc", StringComparison.Ordinal));
        Assert.Contains(problems, m => m.Contains("lvs_method TUN", StringComparison.Ordinal));
        Assert.Contains(problems, m => m.Contains("uthreshold", StringComparison.Ordinal));
        Assert.Contains(problems, m => m.Contains("ops", StringComparison.Ordinal));
        Assert.Contains(problems, m => m.Contains("persistence_engine", StringComparison.Ordinal));
        Assert.Empty(NftCapabilities.Check(new LbState([new VirtualService(Web, [Rs(1)]) with { Scheduler = "wrr" }])));
    }

    [Fact]
    public void RuleCounters_ReadsCountersFromJsonListing()
    {
        const string json = """
            {"nftables": [{"metainfo": {"version": "1.0.6"}},
              {"rule": {"family": "inet", "table": "vigil_lb", "chain": "s0d1", "handle": 4,
                "expr": [{"match": {"op": "==", "left": {"meta": {"key": "l4proto"}}, "right": "tcp"}},
                         {"counter": {"packets": 3, "bytes": 180}}, {"dnat": {"family": "ip", "addr": "203.0.113.12", "port": 8080}}]}},
              {"rule": {"chain": "broken", "expr": "nonsense"}}]}
            """;

        Assert.Equal([("s0d1", 3ul, 180ul)], NftBackend.RuleCounters(json));
        Assert.Empty(NftBackend.RuleCounters("{not json"));
    }
}
