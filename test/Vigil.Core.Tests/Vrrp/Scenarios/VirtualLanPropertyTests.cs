using FsCheck;
using FsCheck.Fluent;
using Vigil.Testing.Vrrp;
using Vigil.Vrrp.Packet;

namespace Vigil.Vrrp.Scenarios.Tests;

public class VirtualLanPropertyTests
{
    private enum Fault
    {
        Crash,
        Stop,
        Start,
        LinkDown,
        LinkUp,
        Partition,
        Heal,
        DropFrom,
        Priority,
        Corrupt,
    }

    [Fact]
    public void RandomFaults_ThenAHealthyNetwork_ConvergeToOneMasterHoldingTheVip()
    {
        var steps =
            from kind in Gen.Elements(Enum.GetValues<Fault>())
            from target in Gen.Choose(0, 2)
            from priority in Gen.Choose(1, 254)
            from waitMs in Gen.Choose(0, 6000)
            select (kind, target, priority, waitMs);
        var scenario =
            from priorities in Gen.ArrayOf(Gen.Elements(50, 100, 100, 150, 200, 255), 3)
            from v3 in Gen.Elements(false, true)
            from plan in Gen.ListOf(steps)
            select (priorities, v3, plan);

        Prop.ForAll(scenario.ToArbitrary(), s =>
        {
            using var lan = new VirtualLan();
            var routers = Enumerable.Range(0, 3)
                .Select(i => lan.AddRouter($"r{i + 1}", $"192.0.2.{i + 1}", VirtualLan.Instance(
                    (byte)s.priorities[i],
                    version: s.v3 ? VrrpVersion.V3 : VrrpVersion.V2) with
                {
                    State = s.priorities[i] == 255 ? VrrpInitialState.Master : VrrpInitialState.Backup,
                }))
                .ToArray();
            lan.StartAll();
            foreach (var (kind, target, priority, waitMs) in s.plan)
            {
                Apply(lan, routers, kind, routers[target], priority);
                lan.Run(TimeSpan.FromMilliseconds(waitMs));
            }

            // Then a healthy network: everyone up and connected, nothing dropped or mangled.
            lan.Heal();
            lan.DropFilter = null;
            lan.Mutate = null;
            foreach (var r in routers)
            {
                if (!r.LinkUp)
                {
                    r.SetLink(true);
                }

                if (!r.IsRunning)
                {
                    r.Start();
                }
            }

            lan.Run(TimeSpan.FromSeconds(15));

            var masters = routers.Where(r => r.State() == VrrpState.Master).ToArray();
            var best = routers.Max(r => r.Status().EffectivePriority);
            return !lan.StormDetected
                && masters.Length == 1
                && masters[0].Status().EffectivePriority == best
                && lan.HoldersOf("192.0.2.100").SequenceEqual([masters[0].Name])
                && routers.Where(r => r != masters[0]).All(r => r.State() == VrrpState.Backup);
        }).QuickCheckThrowOnFailure();
    }

    private static void Apply(VirtualLan lan, VirtualRouter[] routers, Fault kind, VirtualRouter r, int priority)
    {
        switch (kind)
        {
            case Fault.Crash when r.IsRunning:
                r.Crash();
                break;
            case Fault.Stop when r.IsRunning:
                r.Stop();
                break;
            case Fault.Start when !r.IsRunning:
                r.Start();
                break;
            case Fault.LinkDown:
                r.SetLink(false);
                break;
            case Fault.LinkUp:
                r.SetLink(true);
                break;
            case Fault.Partition:
                lan.Partition([r], [.. routers.Where(x => x != r)]);
                break;
            case Fault.Heal:
                lan.Heal();
                break;
            case Fault.DropFrom:
                lan.DropFilter = (p, _) => p.From == r.Name;
                break;
            case Fault.Priority when r.IsRunning:
                r.SetPriority(priority);
                break;
            case Fault.Corrupt:
                lan.Mutate = (p, _) => p.From == r.Name ? [.. p.Payload[..^1], (byte)~p.Payload[^1]] : null;
                break;
        }
    }
}
