using System.Net;
using Vigil.Checkers;
using Vigil.Testing;

namespace Vigil.Checkers.Tests;

public class CheckerSchedulerTests
{
    private static readonly VirtualServiceKey Key = VirtualServiceKey.ForAddress(IPAddress.Parse("192.0.2.100"), 80);
    private static readonly TimeSpan Ms = TimeSpan.FromMilliseconds(1);

    private static TimeSpan Sec(double s) => TimeSpan.FromSeconds(s);

    private static RealServerSettings Rs(int port, CheckerSettings checker, int weight = 1) => new()
    {
        Address = IPAddress.Parse("192.0.2.10"),
        Port = port,
        Weight = weight,
        Checkers = [checker],
        NotifyUp = new NotifyScript($"/up {port}"),
        NotifyDown = new NotifyScript($"/down {port}"),
    };

    private static VirtualServerSettings Vs(params RealServerSettings[] servers) => new()
    {
        Key = Key,
        DelayLoop = Sec(2),
        Warmup = TimeSpan.Zero,
        RealServers = [.. servers],
    };

    private sealed class Rig : IAsyncDisposable
    {
        public Rig(params VirtualServerSettings[] services)
        {
            Time = new ManualTimeProvider();
            Probes = new FakeProbes(Time);
            Sink = new RecordingSink();
            Scheduler = new CheckerScheduler(services, Probes, Sink, Time, new CheckerSchedulerOptions { Random = new Random(42) });
        }

        public ManualTimeProvider Time { get; }

        public FakeProbes Probes { get; }

        public RecordingSink Sink { get; }

        public CheckerScheduler Scheduler { get; }

        public ValueTask DisposeAsync() => Scheduler.DisposeAsync();
    }

    [Fact]
    public async Task Run_FailingMiscWithRetries_KeepalivedTimeline()
    {
        // lane3 m2 (delay_loop 2, delay_before_retry 4, retry 2): ok at 0, 2, 4; fails from 6:
        // retries at 10 and 14, down at 14, then every 2 s.
        await using var rig = new Rig(Vs(Rs(2, new MiscCheckSettings { Path = "/m2", DelayBeforeRetry = Sec(4), Retry = 2 })));
        var failing = false;
        rig.Probes.Set(2, () => failing ? ProbeResult.Fail(ProbeVerdict.ScriptFailed, "exit 1") : ProbeResult.Ok);
        rig.Scheduler.Start();
        rig.Time.Advance(Sec(5.5));
        failing = true;
        rig.Time.Advance(Sec(13));
        Assert.Equal(new[] { 0, 2, 4, 6, 10, 14, 16, 18 }.Select(s => Sec(s)), rig.Probes.CallsTo(2));
        var down = Assert.Single(rig.Sink.Events.OfType<RealServerStateChanged>());
        Assert.False(down.Alive);
        Assert.Equal(["RS [192.0.2.10]:tcp:2 [192.0.2.100]:tcp:80 DOWN", "VS [192.0.2.100]:tcp:80 DOWN"], rig.Sink.FifoText.Skip(1));
        Assert.False(rig.Scheduler.IsAlive(Key, new RealServerKey(IPAddress.Parse("192.0.2.10"), 2)));
    }

    [Fact]
    public async Task Run_RecoveringHttp_UpAfterSecondSuccess()
    {
        await using var rig = new Rig(Vs(Rs(8080, new HttpGetSettings { Urls = [new HttpUrlSettings { Path = "/" }], Alpha = true, DelayBeforeRetry = Sec(5) })));
        var ok = false;
        rig.Probes.Set(8080, () => ok ? ProbeResult.Ok : ProbeResult.Fail(ProbeVerdict.BadStatus, "500"));
        rig.Scheduler.Start();
        Assert.Empty(rig.Scheduler.Snapshot()[0].Destinations); // alpha: not in the table until up
        rig.Time.Advance(Sec(10.5));
        ok = true;
        rig.Time.Advance(Sec(5));
        Assert.Equal(new[] { 0, 5, 10, 15 }.Select(s => Sec(s)), rig.Probes.CallsTo(8080));
        Assert.Empty(rig.Sink.Events.OfType<RealServerStateChanged>());
        rig.Time.Advance(Sec(2));
        Assert.True(Assert.Single(rig.Sink.Events.OfType<RealServerStateChanged>()).Alive);
        Assert.Single(rig.Scheduler.Snapshot()[0].Destinations);
    }

    [Fact]
    public async Task Run_WarmupSpreadsFirstChecks_WithinWarmup()
    {
        var servers = Enumerable.Range(1, 50).Select(p => Rs(p, new TcpCheckSettings())).ToArray();
        await using var rig = new Rig(Vs(servers) with { Warmup = Sec(10) });
        rig.Scheduler.Start();
        rig.Time.Advance(Sec(10));
        var first = servers.Select(s => rig.Probes.CallsTo(s.Port).First()).ToList();
        Assert.All(first, t => Assert.InRange(t, TimeSpan.Zero, Sec(10)));
        Assert.True(first.Distinct().Count() > 40, "warmup should spread the first checks");
    }

    [Fact]
    public async Task Run_BlackHoledProbe_OthersKeepTheirScheduleAndWatchdogFails()
    {
        // A probe that never completes and ignores cancellation: the scheduler's deadline marks it
        // timed out at connect_timeout + grace; the other server is probed every delay_loop regardless.
        await using var rig = new Rig(Vs(
            Rs(1, new TcpCheckSettings { ConnectTimeout = Sec(3), Retry = 0 }),
            Rs(2, new TcpCheckSettings())));
        var never = new TaskCompletionSource<ProbeResult>();
        rig.Probes.Set(1, (_, _) => new ValueTask<ProbeResult>(never.Task));
        rig.Scheduler.Start();
        rig.Time.Advance(Sec(11.5));
        Assert.Equal(new[] { 0, 2, 4, 6, 8, 10 }.Select(s => Sec(s)), rig.Probes.CallsTo(2));

        // Abandoned at 3.5 (3 s + 0.5 s grace), down at once (first check), next after delay_loop.
        Assert.Equal(new[] { 0.0, 5.5, 11.0 }.Select(s => Sec(s)), rig.Probes.CallsTo(1));
        Assert.False(rig.Scheduler.IsAlive(Key, new RealServerKey(IPAddress.Parse("192.0.2.10"), 1)));
        Assert.Equal(2, rig.Scheduler.Stats.ProbesAbandoned);
        never.SetResult(ProbeResult.Ok); // a late result is ignored
        Assert.False(rig.Scheduler.IsAlive(Key, new RealServerKey(IPAddress.Parse("192.0.2.10"), 1)));
    }

    [Fact]
    public async Task Run_ProbeHonoursCancellation_TimeoutVerdict()
    {
        await using var rig = new Rig(Vs(Rs(1, new TcpCheckSettings { ConnectTimeout = Sec(1), Retry = 0 })));
        var cancelled = new TaskCompletionSource();
        rig.Probes.Set(1, async (_, ct) =>
        {
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, ct);
            }
            catch (OperationCanceledException)
            {
                cancelled.TrySetResult();
                throw;
            }

            return ProbeResult.Ok;
        });
        rig.Scheduler.Start();
        rig.Time.Advance(Sec(1.5));
        await cancelled.Task.WaitAsync(Sec(5)); // the watchdog cancels the probe's token
        Assert.True(Eventually.Wait(() => rig.Sink.Events.OfType<RealServerStateChanged>().Any(), Sec(5)));
        var e = rig.Sink.Events.OfType<CheckerResultObserved>().First();
        Assert.Equal(ProbeVerdict.Timeout, e.Result.Verdict);
    }

    [Fact]
    public async Task Run_FirstSuccess_IsObservedOnce_AsKeepalivedLogsIt()
    {
        // keepalived 2.2.7 logs "TCP connection to [..]:tcp:80 success." after each checker's first success, even
        // though the server started up (no alpha); later successes are routine.
        await using var rig = new Rig(Vs(Rs(1, new TcpCheckSettings())));
        rig.Probes.Set(1, () => ProbeResult.Ok);
        rig.Scheduler.Start();
        rig.Time.Advance(Sec(5.5));
        Assert.True(Eventually.Wait(() => rig.Sink.Events.OfType<CheckerResultObserved>().Any(), Sec(5)));
        rig.Time.Advance(Sec(3));

        var observed = Assert.Single(rig.Sink.Events.OfType<CheckerResultObserved>());
        Assert.True(observed.Result.IsSuccess);
    }

    [Fact]
    public async Task Run_DownAfterRetries_ReportsTheRetriesTaken_ButNoneWhenTheFirstCheckFails()
    {
        await using var rig = new Rig(Vs(
            Rs(1, new TcpCheckSettings { Retry = 2, DelayBeforeRetry = Sec(1) }),
            Rs(2, new TcpCheckSettings { Retry = 2, DelayBeforeRetry = Sec(1) })));
        var failing = false;
        rig.Probes.Set(1, () => failing ? s_refusedResult : ProbeResult.Ok);
        rig.Probes.Set(2, () => s_refusedResult);
        rig.Scheduler.Start();
        for (var t = 0; t < 6; t++)
        {
            rig.Time.Advance(Sec(1));
        }

        failing = true;
        for (var t = 0; t < 12; t++)
        {
            rig.Time.Advance(Sec(1));
        }

        Assert.True(Eventually.Wait(() => rig.Sink.Events.OfType<CheckerResultObserved>().Count(e => e.Step.Transition == CheckerTransition.Down) == 2, Sec(5)));
        var downs = rig.Sink.Events.OfType<CheckerResultObserved>().Where(e => e.Step.Transition == CheckerTransition.Down).ToDictionary(e => e.Server.Port);
        Assert.Equal(0, downs[2].Retries); // keepalived: "TCP_CHECK on service .. failed." at the very first check
        Assert.Equal(2, downs[1].Retries); // "... failed after 2 retries."
    }

    private static readonly ProbeResult s_refusedResult = ProbeResult.Fail(ProbeVerdict.ConnectionRefused, "refused");

    [Fact]
    public async Task Run_ProbeThrows_CountedAsLocalErrorNotCrash()
    {
        await using var rig = new Rig(Vs(Rs(1, new TcpCheckSettings { Retry = 0 })));
        rig.Probes.Set(1, (_, _) => throw new InvalidOperationException("boom"));
        rig.Scheduler.Start();
        rig.Time.Advance(Sec(3));
        Assert.Equal(2, rig.Scheduler.Stats.ProbeExceptions);
        Assert.Equal(ProbeVerdict.LocalError, rig.Sink.Events.OfType<CheckerResultObserved>().First().Result.Verdict);
    }

    [Fact]
    public async Task Run_MiscDynamic_WeightFollowsExitStatus()
    {
        // lane2: exit 9 -> "Changing weight from 3 to 7"; exit 0 -> back to the configured 3.
        await using var rig = new Rig(Vs(Rs(8082, new MiscCheckSettings { Path = "/m", Dynamic = true }, weight: 3)));
        int? dynamic = null;
        rig.Probes.Set(8082, () => ProbeResult.Ok with { DynamicWeight = dynamic });
        rig.Scheduler.Start();
        dynamic = 7;
        rig.Time.Advance(Sec(2.5));
        Assert.Equal(7, rig.Scheduler.Snapshot()[0].Destinations[0].Weight);
        dynamic = null;
        rig.Time.Advance(Sec(2));
        Assert.Equal(3, rig.Scheduler.Snapshot()[0].Destinations[0].Weight);
        Assert.Equal([(3, 7), (7, 3)], rig.Sink.Events.OfType<RealServerWeightChanged>().Select(w => (w.OldWeight, w.NewWeight)));
    }

    [Fact]
    public async Task ReportTrackFile_WeightedFile_AddsValueTimesWeightAndClampsAtZero()
    {
        // lane2: weight 3, file value 2 x weight 2 -> 7; value -5 -> 3 - 10 -> 0 and quorum lost.
        var rs = Rs(8082, new FileCheckSettings { TrackFile = "tf", Path = "/tmp/tf", Weight = 2 }, weight: 3);
        await using var rig = new Rig(Vs(rs));
        rig.Scheduler.Start();
        rig.Scheduler.ReportTrackFile("tf", 2);
        Assert.Equal(7, rig.Scheduler.Snapshot()[0].Destinations[0].Weight);
        rig.Scheduler.ReportTrackFile("tf", -5);
        Assert.Equal(0, rig.Scheduler.Snapshot()[0].Destinations[0].Weight);
        Assert.False(rig.Scheduler.HasQuorum(Key));
        Assert.True(rig.Scheduler.IsAlive(Key, rs.Key));
        Assert.Empty(rig.Probes.Calls);
    }

    [Theory]
    [InlineData(0, false, true)]
    [InlineData(1, false, false)]
    [InlineData(0, true, false)]
    [InlineData(3, true, true)]
    public async Task ReportTrackFile_WeightZero_NonZeroMeansDown(long value, bool reverse, bool alive)
    {
        var rs = Rs(1, new FileCheckSettings { TrackFile = "tf", Path = "/tmp/tf", Weight = 0, Reverse = reverse });
        await using var rig = new Rig(Vs(rs));
        rig.Scheduler.Start();
        rig.Scheduler.ReportTrackFile("tf", value);
        Assert.Equal(alive, rig.Scheduler.IsAlive(Key, rs.Key));
    }

    [Fact]
    public async Task SetVirtualAddressPresent_HaSuspend_ChecksOnlyWhileAddressPresent()
    {
        await using var rig = new Rig(Vs(Rs(1, new TcpCheckSettings())) with { HaSuspend = true });
        rig.Scheduler.Start();
        rig.Time.Advance(Sec(5));
        Assert.Empty(rig.Probes.Calls);
        Assert.Single(rig.Scheduler.Snapshot()[0].Destinations); // state frozen: assumed up
        rig.Scheduler.SetVirtualAddressPresent(Key, true);
        rig.Time.Advance(Sec(4));
        Assert.Equal(3, rig.Probes.Calls.Count);
        rig.Scheduler.SetVirtualAddressPresent(Key, false);
        rig.Time.Advance(Sec(10));
        Assert.Equal(3, rig.Probes.Calls.Count);
        Assert.Equal([true, false, true], rig.Sink.Events.OfType<CheckersSuspended>().Select(e => e.Suspended));
    }

    [Fact]
    public async Task StopAsync_Omega_ShutdownNotificationsAndNoMoreProbes()
    {
        await using var rig = new Rig(Vs(Rs(1, new TcpCheckSettings()), Rs(2, new TcpCheckSettings())) with { Omega = true, QuorumDown = new NotifyScript("/qd") });
        rig.Scheduler.Start();
        rig.Time.Advance(Sec(1));
        rig.Sink.Clear();
        await rig.Scheduler.StopAsync();
        Assert.Equal(["/down 1", "/down 2", "/qd"], rig.Sink.Events.OfType<NotifyScriptRequested>().Select(n => n.Script.Command));
        var calls = rig.Probes.Calls.Count;
        rig.Time.Advance(Sec(10));
        Assert.Equal(calls, rig.Probes.Calls.Count);
        Assert.Equal(0, rig.Time.PendingTimers);
    }

    [Fact]
    public async Task Start_TwoServices_InitialDesiredStateAndStartupQuorumLines()
    {
        var other = VirtualServiceKey.ForFwMark(7);
        await using var rig = new Rig(
            Vs(Rs(1, new TcpCheckSettings())),
            new VirtualServerSettings { Key = other, Alpha = true, Warmup = TimeSpan.Zero, RealServers = [Rs(0, new TcpCheckSettings())] });
        rig.Scheduler.Start();
        Assert.Equal(["VS [192.0.2.100]:tcp:80 UP"], rig.Sink.FifoText);
        Assert.Equal(2, rig.Sink.Events.OfType<DesiredServiceChanged>().Count());
        rig.Time.Advance(Sec(1));
        Assert.Equal(["VS [192.0.2.100]:tcp:80 UP", "RS [192.0.2.10]:none:0 FWM 7 UP", "VS FWM 7 UP"], rig.Sink.FifoText);
    }

    [Fact]
    public async Task Sink_Throws_SchedulerContinues()
    {
        var time = new ManualTimeProvider();
        var probes = new FakeProbes(time);
        var sink = new ThrowingSink();
        await using var s = new CheckerScheduler([Vs(Rs(1, new TcpCheckSettings()))], probes, sink, time);
        s.Start();
        time.Advance(Sec(4));
        Assert.Equal(3, probes.Calls.Count);
        Assert.True(s.Stats.SinkErrors > 0);
    }

    [Fact]
    public async Task Run_ThousandCheckers_OneTimerAndEveryCheckOnTime()
    {
        var servers = Enumerable.Range(1, 1000).Select(p => Rs(p, new TcpCheckSettings())).ToArray();
        await using var rig = new Rig(Vs(servers) with { DelayLoop = Sec(1), Warmup = Sec(1) });
        rig.Scheduler.Start();
        Assert.Equal(1, rig.Time.PendingTimers);
        rig.Time.Advance(Sec(60));
        Assert.InRange(rig.Probes.Calls.Count, 60_000, 61_000);
        Assert.Equal(0, rig.Scheduler.Stats.InFlight);
        Assert.Equal(1, rig.Time.PendingTimers);
    }

    private sealed class ThrowingSink : ICheckerEventSink
    {
        public void Publish(CheckerEvent checkerEvent) => throw new InvalidOperationException("sink");
    }
}
