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
/// The engine with tracking in virtual time; expected lines and notifications are what keepalived 2.2.7 printed and
/// wrote to its FIFO for the same configuration (a lone instance, priority 150, <c>vrrp_script chk</c> run every second).
/// </summary>
public class VrrpEngineTrackingTests
{
    private static readonly IPAddress s_me = IPAddress.Parse("192.0.2.2");
    private static readonly VrrpInstanceSettings s_vi1 = TestSettings.Vi1 with { Priority = 150, NotifyPriorityChanges = true };
    private static readonly VrrpFaultReasons[] s_none = [];

    private static readonly VrrpScriptResult s_ok = new(VrrpScriptResultKind.Exited, 0);
    private static readonly VrrpScriptResult s_fail = new(VrrpScriptResultKind.Exited, 1);

    [Fact]
    public void WeightMinus60_MasterAdvertisesTheLowerPriority_AndRecovers()
    {
        var (time, ports, log, engine) = Create(-60);
        using var _ = engine;
        engine.Start();
        engine.PostScriptResult("chk", s_ok);
        time.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(VrrpState.Master, engine.GetStatus("VI_1").State);
        ports.Calls.Clear();
        log.Clear();

        engine.PostScriptResult("chk", s_fail);
        Assert.Equal(90, engine.GetStatus("VI_1").EffectivePriority);
        time.Advance(TimeSpan.FromSeconds(1));
        engine.PostScriptResult("chk", s_ok);

        Assert.Equal(
            [
                "Script `chk` now returning 1", "VRRP_Script(chk) failed (exited with status 1)",
                "(VI_1) Changing effective priority from 150 to 90",
                "Script `chk` now returning 0", "VRRP_Script(chk) succeeded",
                "(VI_1) Changing effective priority from 90 to 150",
            ],
            Info(log));
        var calls = ports.Calls.Where(c => !c.StartsWith("garp", StringComparison.Ordinal)).ToList();
        Assert.Equal("notify INSTANCE \"VI_1\" MASTER_PRIORITY 90 @4", calls[0]);
        Assert.StartsWith("advert 90 ", calls[1], StringComparison.Ordinal);
        Assert.Equal("notify INSTANCE \"VI_1\" MASTER_PRIORITY 150 @5", calls[2]);
        Assert.Equal(VrrpState.Master, engine.GetStatus("VI_1").State);
    }

    [Fact]
    public void WeightMinus60_FailingFromTheStart_BackupAt90()
    {
        var (_, ports, log, engine) = Create(-60);
        using var _e = engine;
        engine.Start();
        engine.PostScriptResult("chk", s_fail);

        Assert.Equal(
            [
                "(VI_1) removing VIPs.", "(VI_1) Entering BACKUP STATE (init)",
                "Script `chk` now returning 1", "VRRP_Script(chk) failed (exited with status 1)",
                "(VI_1) Changing effective priority from 150 to 90",
            ],
            Info(log));
        Assert.Equal(["notify INSTANCE \"VI_1\" BACKUP 150 @0", "notify INSTANCE \"VI_1\" BACKUP_PRIORITY 90 @0"], Notifies(ports));
    }

    [Fact]
    public void WeightZero_StaysInInitUntilTheFirstResult_ThenBackup()
    {
        var (time, ports, log, engine) = Create(0);
        using var _ = engine;
        engine.Start();
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(VrrpState.Init, engine.GetStatus("VI_1").State);
        Assert.Equal(["(VI_1) removing VIPs."], Info(log));

        engine.PostScriptResult("chk", s_ok);
        Assert.Equal(["(VI_1) removing VIPs.", "VRRP_Script(chk) succeeded", "(VI_1) Entering BACKUP STATE"], Info(log));
        Assert.Equal(["notify INSTANCE \"VI_1\" BACKUP 150 @10"], Notifies(ports));
    }

    [Fact]
    public void WeightZero_FailingFirst_IsASilentFault_ThenBackupOnSuccess()
    {
        var (time, ports, log, engine) = Create(0);
        using var _ = engine;
        engine.Start();
        engine.PostScriptResult("chk", s_fail);
        Assert.Equal(VrrpState.Fault, engine.GetStatus("VI_1").State);
        time.Advance(TimeSpan.FromSeconds(3));
        engine.PostScriptResult("chk", s_ok);

        Assert.Equal(
            [
                "(VI_1) removing VIPs.", "Script `chk` now returning 1", "VRRP_Script(chk) failed (exited with status 1)",
                "Script `chk` now returning 0", "VRRP_Script(chk) succeeded", "(VI_1) Entering BACKUP STATE",
            ],
            Info(log));
        Assert.Equal(["notify INSTANCE \"VI_1\" FAULT 150 @0", "notify INSTANCE \"VI_1\" BACKUP 150 @3"], Notifies(ports));
    }

    [Fact]
    public void WeightZero_FailureAsMaster_IsFaultWithPriorityZero_AndBackupAfterRecovery()
    {
        var (time, ports, log, engine) = Create(0);
        using var _ = engine;
        engine.Start();
        engine.PostScriptResult("chk", s_ok);
        time.Advance(TimeSpan.FromSeconds(4));
        log.Clear();
        ports.Calls.Clear();

        engine.PostScriptResult("chk", s_fail);
        Assert.Equal(VrrpState.Fault, engine.GetStatus("VI_1").State);
        Assert.Equal(VrrpFaultReasons.TrackerFailed, engine.GetStatus("VI_1").FaultReasons);
        engine.PostScriptResult("chk", s_ok);

        Assert.Equal(
            [
                "Script `chk` now returning 1", "VRRP_Script(chk) failed (exited with status 1)", "(VI_1) Entering FAULT STATE",
                "(VI_1) sent 0 priority", "(VI_1) removing VIPs.",
                "Script `chk` now returning 0", "VRRP_Script(chk) succeeded", "(VI_1) Entering BACKUP STATE",
            ],
            Info(log));
        Assert.Equal(["notify INSTANCE \"VI_1\" FAULT 150 @4", "notify INSTANCE \"VI_1\" BACKUP 150 @4"], Notifies(ports));
    }

    [Fact]
    public void TimeoutAndSignal_AreFailures_WithoutNowReturning()
    {
        var (_, _, log, engine) = Create(-60);
        using var _e = engine;
        engine.Start();
        engine.PostScriptResult("chk", new VrrpScriptResult(VrrpScriptResultKind.TimedOut));
        engine.PostScriptResult("chk", s_ok);
        engine.PostScriptResult("chk", new VrrpScriptResult(VrrpScriptResultKind.Signaled, 9));

        Assert.Equal(
            [
                "VRRP_Script(chk) timed_out", "(VI_1) Changing effective priority from 150 to 90",
                "VRRP_Script(chk) succeeded", "(VI_1) Changing effective priority from 90 to 150",
                "VRRP_Script(chk) failed (due to signal 9)", "(VI_1) Changing effective priority from 150 to 90",
            ],
            Info(log).Skip(2));
    }

    [Fact]
    public void TrackFile_WeightZero_NonZeroIsFault_WithKeepalivedsLines()
    {
        var plan = Plan(s_vi1.Name, new TrackedReference(TrackerKind.File, "tf0", 0));
        var (_, _, log, engine) = Create(plan, s_vi1);
        using var _e = engine;
        engine.Start();
        engine.PostTrackFile("tf0", 1);
        engine.PostTrackFile("tf0", 0);

        Assert.Equal(
            [
                "(VI_1) removing VIPs.", "(VI_1) Entering BACKUP STATE (init)",
                "(VI_1): tracked file tf0 now FAULT state", "(VI_1) Entering FAULT STATE",
                "(VI_1): tracked file tf0 leaving FAULT state", "(VI_1) Entering BACKUP STATE",
            ],
            Info(log));
    }

    [Fact]
    public void TrackFile_ReadBeforeStart_ChangesThePriorityFirst()
    {
        var plan = Plan(s_vi1.Name, new TrackedReference(TrackerKind.File, "tf", 10));
        var (_, ports, log, engine) = Create(plan, s_vi1);
        using var _e = engine;
        engine.PostTrackFile("tf", 5);
        engine.Start();

        // keepalived: "Changing effective priority from 150 to 200" before "removing VIPs."; FIFO BACKUP_PRIORITY 200, BACKUP 200.
        Assert.Equal(["(VI_1) Changing effective priority from 150 to 200", "(VI_1) removing VIPs.", "(VI_1) Entering BACKUP STATE (init)"], Info(log));
        Assert.Equal(["notify INSTANCE \"VI_1\" BACKUP_PRIORITY 200 @0", "notify INSTANCE \"VI_1\" BACKUP 200 @0"], Notifies(ports));
    }

    [Fact]
    public void TrackFiles_ReadTogetherAtStart_ChangeThePriorityOnce()
    {
        // keepalived 2.2.7 with three files at 0, 12 and -3 (weight 1): one line "from 100 to 109" (observed).
        var plan = Plan(
            s_vi1.Name,
            new TrackedReference(TrackerKind.File, "tf1", 1),
            new TrackedReference(TrackerKind.File, "tf2", 1),
            new TrackedReference(TrackerKind.File, "tf3", 1));
        var (_, _, log, engine) = Create(plan, s_vi1 with { Priority = 100 });
        using var _e = engine;
        engine.PostTrackFiles([new("tf1", 0), new("tf2", 12), new("tf3", -3)]);
        engine.Start();

        Assert.Equal(["(VI_1) Changing effective priority from 100 to 109", "(VI_1) removing VIPs.", "(VI_1) Entering BACKUP STATE (init)"], Info(log));
    }

    [Fact]
    public void TrackInterface_Weighted_MovesPriority_WeightZero_Faults()
    {
        var plan = Plan(s_vi1.Name, new TrackedReference(TrackerKind.Interface, "eth1", -50), new TrackedReference(TrackerKind.Interface, "eth2", 0));
        var (_, _, _, engine) = Create(plan, s_vi1);
        using var _e = engine;
        engine.PostLinkState("eth1", true);
        engine.PostLinkState("eth2", true);
        engine.Start();
        Assert.Equal(VrrpState.Backup, engine.GetStatus("VI_1").State);

        engine.PostLinkState("eth1", false);
        Assert.Equal(100, engine.GetStatus("VI_1").EffectivePriority);
        engine.PostLinkState("eth2", false);
        Assert.Equal(VrrpState.Fault, engine.GetStatus("VI_1").State);
        engine.PostLinkState("eth2", true);
        engine.PostLinkState("eth1", true);
        Assert.Equal(VrrpState.Backup, engine.GetStatus("VI_1").State);
        Assert.Equal(150, engine.GetStatus("VI_1").EffectivePriority);
    }

    [Fact]
    public void Backup_RecomputesItsDownTimer_WhenThePriorityChanges()
    {
        var (time, _, _, engine) = Create(-60);
        using var _e = engine;
        engine.Start();
        engine.PostScriptResult("chk", s_fail);

        // Master_Down_Interval = 3 × 1 s + (256 − 90)/256 s = 3.6484375 s (was 3.4140625 s at 150).
        time.Advance(TimeSpan.FromSeconds(3.6));
        Assert.Equal(VrrpState.Backup, engine.GetStatus("VI_1").State);
        time.Advance(TimeSpan.FromSeconds(0.0484375));
        Assert.Equal(VrrpState.Master, engine.GetStatus("VI_1").State);
        Assert.Equal(90, engine.GetStatus("VI_1").EffectivePriority);
    }

    [Fact]
    public void AddressOwner_PriorityNeverChanges()
    {
        var owner = s_vi1 with { Priority = 255, State = VrrpInitialState.Master };
        var (_, _, _, engine) = Create(Plan(owner.Name, new TrackedReference(TrackerKind.Script, "chk", -60)), owner);
        using var _e = engine;
        engine.Start();
        engine.PostScriptResult("chk", s_fail);
        Assert.Equal(255, engine.GetStatus("VI_1").EffectivePriority);
        Assert.Equal(VrrpState.Master, engine.GetStatus("VI_1").State);
    }

    [Fact]
    public void DontTrackPrimary_OwnInterfaceDown_IsNotAFault()
    {
        var settings = s_vi1 with { DontTrackPrimary = true };
        var (time, _, log, engine) = Create(VrrpTrackingPlan.Empty, settings);
        using var _e = engine;
        engine.Start();
        time.Advance(TimeSpan.FromSeconds(4));
        engine.PostLinkState("eth0", false);

        // keepalived 2.2.7: "Netlink reports eth0 down" and the master stays (its adverts fail with ENETUNREACH).
        Assert.Equal(VrrpState.Master, engine.GetStatus("VI_1").State);
        Assert.Equal("Netlink reports eth0 down", Info(log)[^1]);
    }

    internal static VrrpTrackingPlan Plan(string instance, params TrackedReference[] refs) => new()
    {
        Scripts = [new VrrpScriptSettings("chk", "/bin/true")],
        Tracked = ImmutableDictionary<string, ImmutableArray<TrackedReference>>.Empty.WithComparers(StringComparer.Ordinal).Add(instance, [.. refs]),
    };

    private static (ManualTimeProvider Time, RecordingPorts Ports, LogCapture Log, VrrpEngine Engine) Create(int weight) =>
        Create(Plan(s_vi1.Name, new TrackedReference(TrackerKind.Script, "chk", weight)), s_vi1);

    private static (ManualTimeProvider Time, RecordingPorts Ports, LogCapture Log, VrrpEngine Engine) Create(VrrpTrackingPlan plan, VrrpInstanceSettings settings)
    {
        var time = new ManualTimeProvider();
        var ports = new RecordingPorts(time);
        var log = new LogCapture(() => time.Elapsed);
        var engine = new VrrpEngine([settings], ports.Ports, time, log, plan);
        engine.PostLinkState("eth0", true);
        engine.PostSourceAddress("eth0", settings.Family, s_me);
        return (time, ports, log, engine);
    }

    private static List<string> Notifies(RecordingPorts ports) => [.. ports.Calls.Where(c => c.StartsWith("notify", StringComparison.Ordinal))];

    private static List<string> Info(LogCapture log) =>
        [.. log.Lines.Where(l => l.Level >= LogLevel.Information).Select(l => l.Message)];
}
