using System.Net;
using FsCheck;
using FsCheck.Fluent;
using Vigil.Lb;

namespace Vigil.Core.Tests.Lb;

public class LbDiffTests
{
    private static readonly VirtualServiceKey Web = VirtualServiceKey.ForAddress(LbProtocol.Tcp, IPAddress.Parse("192.0.2.1"), 80);
    private static readonly VirtualServiceKey Dns = VirtualServiceKey.ForAddress(LbProtocol.Udp, IPAddress.Parse("192.0.2.1"), 53);

    private static RealServer Rs(string address, ushort port = 80, int weight = 1) => new(IPAddress.Parse(address), port, weight);

    [Fact]
    public void Compute_FromEmpty_AddsServiceThenItsDestinationsInOrder()
    {
        var desired = new LbState([new VirtualService(Web, [Rs("203.0.113.1"), Rs("203.0.113.2")])]);

        var ops = LbDiff.Compute(LbState.Empty, desired);

        Assert.Equal(
            [
                new LbOperation.AddService(desired.Services[0]),
                new LbOperation.AddDestination(Web, Rs("203.0.113.1")),
                new LbOperation.AddDestination(Web, Rs("203.0.113.2")),
            ],
            ops);
    }

    [Fact]
    public void Compute_SameTable_IsEmpty()
    {
        var state = new LbState([new VirtualService(Web, [Rs("203.0.113.1")]), new VirtualService(Dns)]);

        Assert.Empty(LbDiff.Compute(state, state with { }));
    }

    [Fact]
    public void Compute_WeightChange_EditsOnlyThatDestination()
    {
        var current = new LbState([new VirtualService(Web, [Rs("203.0.113.1"), Rs("203.0.113.2")])]);
        var desired = new LbState([new VirtualService(Web, [Rs("203.0.113.1"), Rs("203.0.113.2", weight: 0)])]);

        var ops = LbDiff.Compute(current, desired);

        Assert.Equal([new LbOperation.EditDestination(Web, Rs("203.0.113.2", weight: 0))], ops);
    }

    [Fact]
    public void Compute_SchedulerChange_EditsServiceWithoutTouchingDestinations()
    {
        var current = new LbState([new VirtualService(Web, [Rs("203.0.113.1")])]);
        var desired = new LbState([current.Services[0] with { Scheduler = "rr" }]);

        var ops = LbDiff.Compute(current, desired);

        Assert.Equal([new LbOperation.EditService(desired.Services[0])], ops);
    }

    [Fact]
    public void Compute_RemovedServiceAndDestination_DeletesBeforeAdding()
    {
        var current = new LbState([new VirtualService(Dns, [Rs("203.0.113.9", 53)]), new VirtualService(Web, [Rs("203.0.113.1")])]);
        var desired = new LbState([new VirtualService(Web, [Rs("203.0.113.2")])]);

        var ops = LbDiff.Compute(current, desired);

        Assert.Equal(
            [
                new LbOperation.DeleteService(Dns),
                new LbOperation.DeleteDestination(Web, new DestinationKey(IPAddress.Parse("203.0.113.1"), 80)),
                new LbOperation.AddDestination(Web, Rs("203.0.113.2")),
            ],
            ops);
    }

    [Fact]
    public void Compute_TunnelSettingsOnNatServer_AreIgnored()
    {
        var current = new LbState([new VirtualService(Web, [Rs("203.0.113.1")])]);
        var desired = new LbState([new VirtualService(Web, [Rs("203.0.113.1") with { TunnelType = TunnelType.Gue, TunnelPort = 6080 }])]);

        Assert.Empty(LbDiff.Compute(current, desired));
    }

    [Fact]
    public void Compute_KernelReportsLocalNode_DoesNotEditForever()
    {
        var current = new LbState([new VirtualService(Web, [Rs("203.0.113.1") with { Method = LvsMethod.Local }])]);
        var desired = new LbState([new VirtualService(Web, [Rs("203.0.113.1")])]);

        Assert.Empty(LbDiff.Compute(current, desired));
    }

    [Fact]
    public void Compute_ExplicitFullGranularity_EqualsNone()
    {
        var current = new LbState([new VirtualService(Web) with { PersistenceTimeout = 360 }]);
        var desired = new LbState([new VirtualService(Web) with { PersistenceTimeout = 360, PersistenceGranularity = 32 }]);

        Assert.Empty(LbDiff.Compute(current, desired));
    }

    [Fact]
    public void Compute_DuplicateKeysInDesired_LastWins()
    {
        var desired = new LbState([new VirtualService(Web, [Rs("203.0.113.1"), Rs("203.0.113.1", weight: 5)]), new VirtualService(Web) with { Scheduler = "rr" }]);

        var ops = LbDiff.Compute(LbState.Empty, desired);

        Assert.Equal([new LbOperation.AddService(desired.Services[1])], ops);
    }

    [Fact]
    public void Apply_AddExistingService_ThrowsLikeEexist()
    {
        var state = new LbState([new VirtualService(Web)]);

        Assert.Throws<InvalidOperationException>(() => LbDiff.Apply(state, [new LbOperation.AddService(new VirtualService(Web))]));
    }

    [Fact]
    public void Compute_ThenApply_YieldsDesired_Property()
    {
        var pairs = (from current in LbGenerators.State() from desired in LbGenerators.State() select (current, desired)).ToArbitrary();

        Prop.ForAll(pairs, p =>
        {
            var ops = LbDiff.Compute(p.current, p.desired);
            var result = LbDiff.Apply(p.current, ops);
            return result.Canonical().Equals(p.desired.Canonical());
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Compute_IsMinimal_Property()
    {
        // Every operation is needed: no key is touched twice, nothing equal is edited, and a second
        // diff after applying the first is empty.
        var pairs = (from current in LbGenerators.State() from desired in LbGenerators.State() select (current, desired)).ToArbitrary();

        Prop.ForAll(pairs, p =>
        {
            var ops = LbDiff.Compute(p.current, p.desired);
            var touched = ops.Select(o => o switch
            {
                LbOperation.AddService a => $"s {a.Service.Key}",
                LbOperation.EditService e => $"s {e.Service.Key}",
                LbOperation.DeleteService d => $"s {d.Key}",
                LbOperation.AddDestination a => $"d {a.Service} {a.Destination.Key}",
                LbOperation.EditDestination e => $"d {e.Service} {e.Destination.Key}",
                LbOperation.DeleteDestination d => $"d {d.Service} {d.Destination}",
                _ => "?",
            }).ToList();
            var noEditOfEqual = ops.OfType<LbOperation.EditDestination>().All(e =>
                !p.current.Find(e.Service)!.Find(e.Destination.Key)!.SameSettingsAs(e.Destination));
            var fixpoint = LbDiff.Compute(LbDiff.Apply(p.current, ops), p.desired).Count == 0;
            return touched.Distinct().Count() == touched.Count && noEditOfEqual && fixpoint;
        }).QuickCheckThrowOnFailure();
    }
}
