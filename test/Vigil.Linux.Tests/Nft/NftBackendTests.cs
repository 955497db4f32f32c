using System.Net;
using Vigil.Lb;
using Vigil.Linux.Nft;
using Vigil.Testing;

namespace Vigil.Linux.Tests.Nft;

/// <summary>
/// The nftables backend end to end: a client, a director running the backend in-process (inside its
/// namespace), real servers answering HTTP with their names. Requests must spread as the scheduler says.
/// </summary>
public sealed class NftBackendTests : IClassFixture<NftLabFixture>, IDisposable
{
    private static readonly VirtualServiceKey Web = VirtualServiceKey.ForAddress(LbProtocol.Tcp, NftLabFixture.Vip, 80);

    private readonly NftLabFixture _lab;
    private readonly NftBackend? _backend;

    public NftBackendTests(NftLabFixture lab)
    {
        _lab = lab;
        if (lab.Lab is not null)
        {
            _backend = lab.Director.Run(() => NftBackend.TryCreate(out _, masquerade: false));
        }
    }

    private NftBackend Backend => _backend ?? throw new InvalidOperationException("libnftables not available");

    private static RealServer Rs(int n, int weight = 1, ushort port = 80) => new(IPAddress.Parse($"203.0.113.1{n}"), port, weight);

    private LbApplyResult Apply(params VirtualService[] services) => Apply(Backend, services);

    private LbApplyResult Apply(NftBackend backend, params VirtualService[] services)
    {
        var result = _lab.Director.Run(() => backend.Apply(new LbState(services)));
        Assert.True(result.Succeeded, string.Join("\n", result.Failed));
        return result;
    }

    private List<string> Get(int count, IPAddress? source = null) => Enumerable.Range(0, count).Select(_ => _lab.Get(source)).ToList();

    [NetFact("nft")]
    public void RoundRobin_SpreadsInExactOrder()
    {
        Apply(new VirtualService(Web, [Rs(1), Rs(2), Rs(3)]) with { Scheduler = "rr" });

        Assert.Equal(["rs1", "rs2", "rs3", "rs1", "rs2", "rs3"], Get(6));
    }

    [NetFact("nft")]
    public void RoundRobin_Ipv6Service_SpreadsInExactOrder()
    {
        var web6 = VirtualServiceKey.ForAddress(LbProtocol.Tcp, NftLabFixture.Vip6, 80);
        Apply(new VirtualService(web6, [new RealServer(IPAddress.Parse("2001:db8:2::11"), 80), new RealServer(IPAddress.Parse("2001:db8:2::12"), 80)]) with { Scheduler = "rr" });

        Assert.Equal(["rs1v6", "rs2v6", "rs1v6"], Enumerable.Range(0, 3).Select(_ => _lab.Get6()));
    }

    [NetFact("nft")]
    public void WeightedRoundRobin_FollowsWeightsInIpvsOrder()
    {
        Apply(new VirtualService(Web, [Rs(1, weight: 3), Rs(2, weight: 1)]) with { Scheduler = "wrr" });

        Assert.Equal(["rs1", "rs1", "rs1", "rs2", "rs1", "rs1", "rs1", "rs2"], Get(8));
    }

    [NetFact("nft")]
    public void SourceHashing_KeepsEachClientOnOneServer()
    {
        Apply(new VirtualService(Web, [Rs(1), Rs(2), Rs(3)]) with { Scheduler = "sh" });

        var first = Get(5, NftLabFixture.Client1);
        var second = Get(5, NftLabFixture.Client2);

        Assert.Single(first.Distinct());
        Assert.Single(second.Distinct());
        Assert.StartsWith("rs", first[0], StringComparison.Ordinal);
        Assert.StartsWith("rs", second[0], StringComparison.Ordinal);
    }

    [NetFact("nft")]
    public void RemovingADestination_TakesItOut()
    {
        Apply(new VirtualService(Web, [Rs(1), Rs(2), Rs(3)]) with { Scheduler = "rr" });
        Assert.Equal(["rs1", "rs2", "rs3"], Get(3));

        var result = Apply(new VirtualService(Web, [Rs(1), Rs(3)]) with { Scheduler = "rr" });

        Assert.Equal([new LbOperation.DeleteDestination(Web, Rs(2).Key)], result.Applied);
        Assert.Equal(["rs1", "rs3", "rs1", "rs3"], Get(4));
    }

    [NetFact("nft")]
    public void WeightZero_StopsNewTrafficButKeepsTheServer()
    {
        Apply(new VirtualService(Web, [Rs(1), Rs(2)]) with { Scheduler = "rr" });
        Assert.Equal(["rs1", "rs2"], Get(2));

        Apply(new VirtualService(Web, [Rs(1, weight: 0), Rs(2)]) with { Scheduler = "rr" });

        Assert.Equal(["rs2", "rs2", "rs2"], Get(3));
        Assert.Contains(Rs(1, weight: 0), Backend.Programmed.Services[0].Destinations);
    }

    [NetFact("nft")]
    public void SorryServer_AnswersWhenEveryRealServerIsGone()
    {
        Apply(new VirtualService(Web, [Rs(1), Rs(2)]) with { Scheduler = "rr" });
        Assert.Equal(["rs1", "rs2"], Get(2));

        // The checkers' output when quorum is lost: only the sorry server.
        Apply(new VirtualService(Web, [Rs(3, port: 8080)]) with { Scheduler = "rr" });

        Assert.Equal(["sorry", "sorry"], Get(2));
    }

    [NetFact("nft")]
    public void Persistence_KeepsAClientOnItsServerAcrossRoundRobin()
    {
        Apply(new VirtualService(Web, [Rs(1), Rs(2), Rs(3)]) with { Scheduler = "rr", PersistenceTimeout = 60 });

        var first = Get(4, NftLabFixture.Client1);
        var second = Get(4, NftLabFixture.Client2);

        Assert.Equal(["rs1", "rs1", "rs1", "rs1"], first);
        Assert.Equal(["rs2", "rs2", "rs2", "rs2"], second);
    }

    [NetFact("nft")]
    public void Persistence_SurvivesAnUnrelatedWeightChange()
    {
        Apply(new VirtualService(Web, [Rs(1), Rs(2), Rs(3)]) with { Scheduler = "rr", PersistenceTimeout = 60 });
        Assert.Equal("rs1", _lab.Get(NftLabFixture.Client1));

        Apply(new VirtualService(Web, [Rs(1), Rs(2), Rs(3, weight: 5)]) with { Scheduler = "rr", PersistenceTimeout = 60 });

        Assert.Equal(["rs1", "rs1"], Get(2, NftLabFixture.Client1));
    }

    [NetFact("nft")]
    public void Masquerade_ReachesAServerWithoutARouteBack()
    {
        var lonely = new RealServer(IPAddress.Parse("203.0.113.20"), 80);
        var plain = _lab.Director.Run(() => NftBackend.TryCreate(out _, table: "vigil_lb_plain"))!;
        try
        {
            Apply(plain, new VirtualService(Web, [lonely]) with { Scheduler = "rr" });
            Assert.NotEqual("lonely", _lab.Get());
        }
        finally
        {
            _lab.Director.Run(plain.Clear);
        }

        var masq = _lab.Director.Run(() => NftBackend.TryCreate(out _, table: "vigil_lb_masq", masquerade: true))!;
        try
        {
            Apply(masq, new VirtualService(Web, [lonely]) with { Scheduler = "rr" });
            Assert.Equal("lonely", _lab.Get());
        }
        finally
        {
            _lab.Director.Run(masq.Clear);
        }
    }

    [NetFact("nft")]
    public void Unsupported_IsRefusedByNameAndLeftOut()
    {
        var dr = VirtualServiceKey.ForAddress(LbProtocol.Tcp, NftLabFixture.Vip, 81);
        var desired = new LbState(
        [
            new VirtualService(Web, [Rs(1)]) with { Scheduler = "rr" },
            new VirtualService(dr, [Rs(2) with { Method = LvsMethod.Dr }]) with { Scheduler = "wlc" },
        ]);

        var result = _lab.Director.Run(() => Backend.Apply(desired));

        Assert.Contains(result.Failed, f => f.Message.Contains("lvs_method DR needs IPVS", StringComparison.Ordinal));
        Assert.Contains(result.Failed, f => f.Message.Contains("scheduler wlc", StringComparison.Ordinal));
        Assert.Equal([Web], Backend.Programmed.Services.Select(s => s.Key));
        Assert.Equal("rs1", _lab.Get());
    }

    [NetFact("nft")]
    public void Snapshot_CountsConnectionsPerRealServer()
    {
        Apply(new VirtualService(Web, [Rs(1), Rs(2)]) with { Scheduler = "rr" });
        Get(3);

        var snapshot = _lab.Director.Run(Backend.Snapshot);

        Assert.Equal(2ul, snapshot.Counters[(Web, Rs(1).Key)].Connections);
        Assert.Equal(1ul, snapshot.Counters[(Web, Rs(2).Key)].Connections);
    }

    [NetFact("nft")]
    public void Apply_AfterTheTableWasRemovedBehindItsBack_RebuildsIt()
    {
        Apply(new VirtualService(Web, [Rs(1)]) with { Scheduler = "rr" });
        _lab.Director.Exec("nft", "delete", "table", "inet", "vigil_lb").EnsureSuccess("delete table");
        Assert.NotEqual("rs1", _lab.Get());

        Apply(new VirtualService(Web, [Rs(1)]) with { Scheduler = "rr" });

        Assert.Equal("rs1", _lab.Get());
    }

    [NetFact("nft")]
    public void FwMarkService_DnatsMarkedTrafficKeepingThePort()
    {
        // The operator's own rule marks the traffic (keepalived leaves marking to the firewall).
        var mark = """
            add table ip lbtest_mark
            add chain ip lbtest_mark pre { type filter hook prerouting priority -150; policy accept; }
            add rule ip lbtest_mark pre ip daddr 198.51.100.100 tcp dport { 80, 8080 } meta mark set 7
            """;
        Assert.Equal(0, Cmd.Run("ip", ["netns", "exec", _lab.Director.Name, "nft", "-f", "-"], TimeSpan.FromSeconds(10), mark).ExitCode);
        try
        {
            Apply(new VirtualService(VirtualServiceKey.ForFwMark(7), [new RealServer(IPAddress.Parse("203.0.113.13"), 0)]) with { Scheduler = "rr" });

            Assert.Equal("rs3", _lab.Get());
            Assert.Equal("sorry", _lab.Get(port: 8080));
        }
        finally
        {
            _lab.Director.Exec("nft", "delete", "table", "ip", "lbtest_mark");
        }
    }

    [NetFact("nft")]
    public void Clear_RemovesTheTable()
    {
        Apply(new VirtualService(Web, [Rs(1)]) with { Scheduler = "rr" });
        Assert.Equal("rs1", _lab.Get());

        _lab.Director.Run(Backend.Clear);

        Assert.NotEqual(0, _lab.Director.Exec("nft", "list", "table", "inet", "vigil_lb").ExitCode);
        Assert.NotEqual("rs1", _lab.Get());
    }

    public void Dispose()
    {
        if (_backend is not null)
        {
            _lab.Director.Run(_backend.Clear);
        }
    }
}
