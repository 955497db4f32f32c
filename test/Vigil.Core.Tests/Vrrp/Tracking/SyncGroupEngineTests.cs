using System.Collections.Immutable;
using System.Net;
using Microsoft.Extensions.Logging;
using Vigil.Testing;
using Vigil.Testing.Vrrp;
using Vigil.Vrrp.Engine;
using Vigil.Vrrp.Engine.Tests;
using Vigil.Vrrp.Tests;

namespace Vigil.Vrrp.Tracking.Tests;

/// <summary>
/// A sync group G1 of VI_1 (eth0) and VI_2 (eth1) on one node, as keepalived 2.2.7 ran it: both BACKUP, both time out,
/// eth1 goes down and comes back. Lines and FIFO order are keepalived's.
/// </summary>
public class SyncGroupEngineTests
{
    private static readonly VrrpInstanceSettings s_vi1 = TestSettings.Vi1 with { Priority = 150 };
    private static readonly VrrpInstanceSettings s_vi2 = TestSettings.Vi1 with
    {
        Name = "VI_2",
        Interface = "eth1",
        VirtualRouterId = 52,
        Priority = 150,
        VirtualIpaddress = [VirtualIpAddress.Host(IPAddress.Parse("198.51.100.100"))],
    };

    [Fact]
    public void MembersGoMasterTogether_FaultTogether_AndRecoverTogether()
    {
        var (time, ports, log, engine) = Create();
        using var _ = engine;
        engine.Start();
        time.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(VrrpState.Master, engine.GetStatus("VI_1").State);
        Assert.Equal(VrrpState.Master, engine.GetStatus("VI_2").State);

        engine.PostLinkState("eth1", false);
        Assert.Equal(VrrpState.Fault, engine.GetStatus("VI_1").State);
        Assert.Equal(VrrpFaultReasons.SyncGroupFault, engine.GetStatus("VI_1").FaultReasons);
        engine.PostLinkState("eth1", true);
        Assert.Equal(VrrpState.Backup, engine.GetStatus("VI_1").State);
        Assert.Equal(VrrpState.Backup, engine.GetStatus("VI_2").State);

        Assert.Equal(
            [
                "(VI_1) removing VIPs.", "(VI_1) Entering BACKUP STATE (init)", "(VI_2) removing VIPs.", "(VI_2) Entering BACKUP STATE (init)",
                "(VI_1) Receive advertisement timeout", "(VI_2) Receive advertisement timeout",
                "(VI_2) Entering MASTER STATE", "(VI_2) setting VIPs.", "(VI_2) Sending/queueing gratuitous ARPs on eth1 for 198.51.100.100",
                "VRRP_Group(G1) Syncing instances to MASTER state",
                "(VI_1) Entering MASTER STATE", "(VI_1) setting VIPs.", "(VI_1) Sending/queueing gratuitous ARPs on eth0 for 192.0.2.100",
                "Netlink reports eth1 down",
                "(VI_2) Entering FAULT STATE", "(VI_2) sent 0 priority", "(VI_2) removing VIPs.",
                "VRRP_Group(G1) Syncing instances to FAULT state",
                "(VI_1) Entering FAULT STATE", "(VI_1) removing VIPs.",
                "Netlink reports eth1 up",
                "(VI_2) Entering BACKUP STATE", "VRRP_Group(G1) Syncing instances to BACKUP state", "(VI_1) Entering BACKUP STATE",
            ],
            log.Lines.Where(l => l.Level >= LogLevel.Information).Select(l => l.Message).Where(m => !m.StartsWith("Sending gratuitous", StringComparison.Ordinal)));

        // keepalived's FIFO for the same run.
        Assert.Equal(
            [
                "GROUP \"G1\" BACKUP 0", "INSTANCE \"VI_1\" BACKUP 150", "INSTANCE \"VI_2\" BACKUP 150",
                "INSTANCE \"VI_2\" MASTER 150", "INSTANCE \"VI_1\" MASTER 150", "GROUP \"G1\" MASTER 0",
                "INSTANCE \"VI_2\" FAULT 150", "INSTANCE \"VI_1\" FAULT 150", "GROUP \"G1\" FAULT 0",
                "INSTANCE \"VI_2\" BACKUP 150", "INSTANCE \"VI_1\" BACKUP 150", "GROUP \"G1\" BACKUP 0",
            ],
            Fifo(ports));
        Assert.Equal(1, ports.Calls.Count(c => c.StartsWith("advert 0 ", StringComparison.Ordinal)));
    }

    [Fact]
    public void AMemberHeardFromAHigherMaster_KeepsTheOtherFromTakingOver()
    {
        var (time, _, _, engine) = Create();
        using var _ = engine;
        engine.Start();

        // VI_1's segment has a master at 200 advertising every second: VI_1 stays BACKUP, so VI_2 (alone on its
        // segment) wants MASTER but is held.
        for (var t = 0; t < 8; t++)
        {
            Post(engine, 51, 200, "eth0", "192.0.2.9");
            time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(VrrpState.Backup, engine.GetStatus("VI_1").State);
        Assert.Equal(VrrpState.Backup, engine.GetStatus("VI_2").State);
        Assert.Equal(VrrpState.Master, engine.GetStatus("VI_2").WantedState);

        // The other master leaves with priority 0: VI_1 times out after Skew_Time, the group goes MASTER.
        Post(engine, 51, 0, "eth0", "192.0.2.9");
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(VrrpState.Master, engine.GetStatus("VI_1").State);
        Assert.Equal(VrrpState.Master, engine.GetStatus("VI_2").State);
        Assert.Equal(VrrpState.Master, engine.GetSyncGroupState("G1"));
    }

    [Fact]
    public async Task OneMemberPreempted_TakesTheOtherToBackup_AndStopNotifiesTheGroupLast()
    {
        var (time, ports, _, engine) = Create();
        using var _ = engine;
        engine.Start();
        time.Advance(TimeSpan.FromSeconds(4));
        ports.Calls.Clear();

        Post(engine, 52, 200, "eth1", "198.51.100.9");
        Assert.Equal(VrrpState.Backup, engine.GetStatus("VI_2").State);
        Assert.Equal(VrrpState.Backup, engine.GetStatus("VI_1").State);
        await engine.StopAsync();

        Assert.Equal(
            [
                "INSTANCE \"VI_2\" BACKUP 150", "INSTANCE \"VI_1\" BACKUP 150", "GROUP \"G1\" BACKUP 0",
                "INSTANCE \"VI_1\" STOP 150", "INSTANCE \"VI_2\" STOP 150", "GROUP \"G1\" STOP 0",
            ],
            Fifo(ports));
    }

    [Fact]
    public void GroupTracker_FaultsEveryMember()
    {
        var plan = Plan() with
        {
            Scripts = [new VrrpScriptSettings("chk", "/bin/true")],
            Tracked = ImmutableDictionary<string, ImmutableArray<TrackedReference>>.Empty
                .Add("VI_1", [new TrackedReference(TrackerKind.Script, "chk", 0)])
                .Add("VI_2", [new TrackedReference(TrackerKind.Script, "chk", 0)]),
        };
        var (_, ports, _, engine) = Create(plan);
        using var _ = engine;
        engine.Start();
        engine.PostScriptResult("chk", new VrrpScriptResult(VrrpScriptResultKind.Exited, 0));
        engine.PostScriptResult("chk", new VrrpScriptResult(VrrpScriptResultKind.Exited, 1));

        Assert.Equal(VrrpState.Fault, engine.GetStatus("VI_1").State);
        Assert.Equal(VrrpState.Fault, engine.GetStatus("VI_2").State);
        Assert.Equal(VrrpState.Fault, engine.GetSyncGroupState("G1"));
        Assert.Equal("GROUP \"G1\" FAULT 0", Fifo(ports)[^1]);
    }

    [Fact]
    public void AnOwnerInAMixedGroup_StartsBackup_AndTheGroupGoesMasterTogether()
    {
        // keepalived 2.2.7 with VI_1 at 255 / state MASTER and VI_2 at 150 in one group: both "Entering BACKUP STATE
        // (init)"; VI_1 times out after 3 s, waits; VI_2 times out after 3.41 s and the group goes MASTER.
        var owner = s_vi1 with { Priority = 255, State = VrrpInitialState.Master };
        var (time, _, log, engine) = Create(vi1: owner);
        using var _ = engine;
        engine.Start();

        Assert.Equal(VrrpState.Backup, engine.GetStatus("VI_1").State);
        time.Advance(TimeSpan.FromSeconds(3.2));
        Assert.Equal(VrrpState.Backup, engine.GetStatus("VI_1").State);
        Assert.Equal(VrrpState.Master, engine.GetStatus("VI_1").WantedState);
        time.Advance(TimeSpan.FromSeconds(0.3));
        Assert.Equal(VrrpState.Master, engine.GetStatus("VI_1").State);
        Assert.Equal(VrrpState.Master, engine.GetStatus("VI_2").State);
        Assert.Equal(
            ["(VI_1) Entering BACKUP STATE (init)", "(VI_2) Entering BACKUP STATE (init)", "(VI_2) Entering MASTER STATE", "(VI_1) Entering MASTER STATE"],
            log.Lines.Select(l => l.Message).Where(m => m.Contains("Entering", StringComparison.Ordinal)));
    }

    [Fact]
    public void AGroupOfOwners_TakesMasterAtOnce()
    {
        var (_, _, _, engine) = Create(
            vi1: s_vi1 with { Priority = 255, State = VrrpInitialState.Master },
            vi2: s_vi2 with { Priority = 255, State = VrrpInitialState.Master });
        using var _ = engine;
        engine.Start();

        Assert.Equal(VrrpState.Master, engine.GetStatus("VI_1").State);
        Assert.Equal(VrrpState.Master, engine.GetStatus("VI_2").State);
    }

    private static VrrpTrackingPlan Plan() => new()
    {
        SyncGroups = [new VrrpSyncGroupSettings("G1", ["VI_1", "VI_2"])],
    };

    private static void Post(VrrpEngine engine, int vrid, int priority, string iface, string source)
    {
        var packet = new TestPacket { Vrid = vrid, Priority = priority, Source = source, Vips = [vrid == 51 ? "192.0.2.100" : "198.51.100.100"] };
        engine.PostAdvert(packet.Build(), packet.Meta(iface));
    }

    private static (ManualTimeProvider Time, RecordingPorts Ports, LogCapture Log, VrrpEngine Engine) Create(VrrpTrackingPlan? plan = null, VrrpInstanceSettings? vi1 = null, VrrpInstanceSettings? vi2 = null)
    {
        var time = new ManualTimeProvider();
        var ports = new RecordingPorts(time);
        var log = new LogCapture(() => time.Elapsed);
        var engine = new VrrpEngine([vi1 ?? s_vi1, vi2 ?? s_vi2], ports.Ports, time, log, plan ?? Plan());
        engine.PostLinkState("eth0", true);
        engine.PostLinkState("eth1", true);
        engine.PostSourceAddress("eth0", s_vi1.Family, IPAddress.Parse("192.0.2.2"));
        engine.PostSourceAddress("eth1", s_vi2.Family, IPAddress.Parse("198.51.100.2"));
        return (time, ports, log, engine);
    }

    private static List<string> Fifo(RecordingPorts ports) =>
        [.. ports.Calls.Where(c => c.StartsWith("notify", StringComparison.Ordinal)).Select(c => c["notify ".Length..c.LastIndexOf(" @", StringComparison.Ordinal)])];
}
