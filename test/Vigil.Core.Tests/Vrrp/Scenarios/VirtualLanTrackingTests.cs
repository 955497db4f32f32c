using System.Collections.Immutable;
using System.Net;
using Vigil.Testing.Vrrp;
using Vigil.Vrrp.Tracking;

namespace Vigil.Vrrp.Scenarios.Tests;

/// <summary>Tracking-driven failover and sync groups on the simulated segment, with exact virtual times (timers run in
/// whole microseconds, like keepalived's).</summary>
public class VirtualLanTrackingTests
{
    private static readonly IPAddress s_vip = IPAddress.Parse("192.0.2.100");
    private static readonly IPAddress s_vip2 = IPAddress.Parse("192.0.2.101");
    private static readonly VrrpScriptResult s_ok = new(VrrpScriptResultKind.Exited, 0);
    private static readonly VrrpScriptResult s_fail = new(VrrpScriptResultKind.Exited, 1);

    [Fact]
    public void ScriptWeightMinus60_MovesTheVipToTheBackup_AndBack()
    {
        using var lan = new VirtualLan();
        var r1 = lan.AddRouter("r1", "192.0.2.1", VirtualLan.Instance(150));
        var r2 = lan.AddRouter("r2", "192.0.2.2", VirtualLan.Instance(100));
        r1.Tracking = Plan(("VI_1", new TrackedReference(TrackerKind.Script, "chk", -60)));
        lan.StartAll();
        r1.Engine.PostScriptResult("chk", s_ok);
        lan.Run(TimeSpan.FromSeconds(10));

        // r1 (master since 3.4140625 s) fails at 10 s: its 10.4140625 s advert says 90, r2 discards it and takes over
        // when its timer from the last 150 advert (9.4140625 s) runs out: + 3 × 1 s + (256 − 100)/256 s.
        r1.Engine.PostScriptResult("chk", s_fail);
        lan.Run(TimeSpan.FromSeconds(10));
        Assert.Equal((VrrpState.Backup, VrrpState.Master), (r1.State(), r2.State()));
        Assert.Equal(["r2"], lan.HoldersOf("192.0.2.100"));

        // Recovery at 20 s: r1 (BACKUP at 150) discards r2's 100 adverts and takes over when its timer, started by the
        // last accepted advert (19.0234375 s), runs out with its own skew: + 3 s + (256 − 150)/256 s.
        r1.Engine.PostScriptResult("chk", s_ok);
        lan.Run(TimeSpan.FromSeconds(10));
        Assert.Equal((VrrpState.Master, VrrpState.Backup), (r1.State(), r2.State()));
        Assert.Equal(
            [
                new HolderChange(TimeSpan.FromTicks(34_140_620), "r1", s_vip, true),

                // r2's first advert reaches r1 (which releases) before r2 installs the VIP: advert first, then addresses.
                new HolderChange(TimeSpan.FromTicks(130_234_370), "r1", s_vip, false),
                new HolderChange(TimeSpan.FromTicks(130_234_370), "r2", s_vip, true),
                new HolderChange(TimeSpan.FromTicks(224_374_990), "r2", s_vip, false),
                new HolderChange(TimeSpan.FromTicks(224_374_990), "r1", s_vip, true),
            ],
            lan.HolderChanges);
    }

    [Fact]
    public void SyncGroup_OneMemberFaulted_BothVipsMove_TheGroupFaultedOneWithoutPriorityZero()
    {
        using var lan = new VirtualLan();
        var r1 = lan.AddRouter("r1", "192.0.2.1", VirtualLan.Instance(150), VirtualLan.Instance(150, "VI_2", 52, "192.0.2.101"));
        var r2 = lan.AddRouter("r2", "192.0.2.2", VirtualLan.Instance(100), VirtualLan.Instance(100, "VI_2", 52, "192.0.2.101"));
        r1.Tracking = Plan(("VI_2", new TrackedReference(TrackerKind.Script, "chk", 0))) with
        {
            SyncGroups = [new VrrpSyncGroupSettings("G1", ["VI_1", "VI_2"])],
        };
        lan.StartAll();
        r1.Engine.PostScriptResult("chk", s_ok);
        lan.Run(TimeSpan.FromSeconds(10));
        Assert.Equal(["r1"], lan.HoldersOf("192.0.2.100"));
        Assert.Equal(["r1"], lan.HoldersOf("192.0.2.101"));

        r1.Engine.PostScriptResult("chk", s_fail);
        lan.Run(TimeSpan.FromSeconds(10));

        Assert.Equal((VrrpState.Fault, VrrpState.Fault), (r1.State("VI_1"), r1.State("VI_2")));
        Assert.Equal((VrrpState.Master, VrrpState.Master), (r2.State("VI_1"), r2.State("VI_2")));
        // VI_2 left with priority 0 (r2 after its skew, (256 − 100)/256 s); VI_1 was faulted by the group and sent
        // none, so r2 waited for its down timer from r1's last advert (9.4140625 s + 3.609375 s).
        Assert.Equal(
            [
                new HolderChange(TimeSpan.FromSeconds(10), "r1", s_vip2, false),
                new HolderChange(TimeSpan.FromSeconds(10), "r1", s_vip, false),
                new HolderChange(TimeSpan.FromSeconds(10.609375), "r2", s_vip2, true),
                new HolderChange(TimeSpan.FromTicks(130_234_370), "r2", s_vip, true),
            ],
            lan.HolderChanges.Skip(2));
    }

    private static VrrpTrackingPlan Plan(params (string Instance, TrackedReference Reference)[] refs) => new()
    {
        Scripts = [new VrrpScriptSettings("chk", "/bin/true")],
        Tracked = refs.GroupBy(r => r.Instance).ToImmutableDictionary(g => g.Key, g => g.Select(r => r.Reference).ToImmutableArray(), StringComparer.Ordinal),
    };
}
