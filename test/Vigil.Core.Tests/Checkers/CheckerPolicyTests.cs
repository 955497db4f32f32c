using FsCheck;
using FsCheck.Fluent;
using Vigil.Checkers;

namespace Vigil.Checkers.Tests;

public class CheckerPolicyTests
{
    private static readonly TimeSpan S1 = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan S2 = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan S3 = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan S4 = TimeSpan.FromSeconds(4);
    private static readonly TimeSpan S5 = TimeSpan.FromSeconds(5);

    internal static CheckerTiming Timing(
        TimeSpan delayLoop, int retry, TimeSpan delayBeforeRetry, FailureSpacing spacing = FailureSpacing.DelayLoop,
        bool alpha = false, int steps = 1, bool recoveryPass = false, bool fast = false, TimeSpan? warmup = null) => new()
        {
            DelayLoop = delayLoop,
            ConnectTimeout = S5,
            Retry = retry,
            DelayBeforeRetry = delayBeforeRetry,
            Warmup = warmup ?? delayLoop,
            Alpha = alpha,
            ProbeTimeout = S5,
            FailureSpacing = spacing,
            Steps = steps,
            RecoveryPass = recoveryPass,
            FastRecovery = fast,
        };

    [Fact]
    public void OnResult_FailuresWhileUp_RetriedWithDelayBeforeRetryThenDown()
    {
        // lane3 m2: delay_loop 2, delay_before_retry 4, retry 2: fail, +4 retry, +4 retry, down, then every 2 s.
        var p = new CheckerPolicy(Timing(S2, 2, S4));
        Assert.Equal(new CheckerStep(S2, CheckerTransition.None, false), p.OnResult(true));
        Assert.Equal(new CheckerStep(S4, CheckerTransition.None, true), p.OnResult(false));
        Assert.True(p.IsUp);
        Assert.Equal(new CheckerStep(S4, CheckerTransition.None, true), p.OnResult(false));
        Assert.True(p.IsUp);
        Assert.Equal(new CheckerStep(S2, CheckerTransition.Down, false), p.OnResult(false));
        Assert.False(p.IsUp);
        Assert.Equal(new CheckerStep(S2, CheckerTransition.None, false), p.OnResult(false));
        Assert.Equal(new CheckerStep(S2, CheckerTransition.None, false), p.OnResult(false));
    }

    [Fact]
    public void OnResult_SuccessDuringRetries_ResetsRetryCount()
    {
        var p = new CheckerPolicy(Timing(S2, 1, S1));
        p.OnResult(true);
        Assert.True(p.OnResult(false).IsRetry);
        Assert.Equal(CheckerTransition.None, p.OnResult(true).Transition);
        Assert.True(p.OnResult(false).IsRetry);
        Assert.Equal(CheckerTransition.Down, p.OnResult(false).Transition);
    }

    [Fact]
    public void OnResult_FirstCheckFails_DownAtOnceWithoutRetry()
    {
        // lane6: "TCP_CHECK on service ... failed." on the first check despite retry 1.
        var p = new CheckerPolicy(Timing(S2, 1, S5, FailureSpacing.RetryCycle));
        Assert.Equal(new CheckerStep(S2, CheckerTransition.Down, false), p.OnResult(false));
    }

    [Fact]
    public void OnResult_RetryCycleWhileDown_AlternatesRetryDelayAndDelayLoop()
    {
        // lane6 TCP_CHECK (delay_loop 2, delay_before_retry 5, retry 1): attempts +2, +5, +2, +5 ...
        var p = new CheckerPolicy(Timing(S2, 1, S5, FailureSpacing.RetryCycle));
        Assert.Equal(S2, p.OnResult(false).NextDelay);
        Assert.Equal(S5, p.OnResult(false).NextDelay);
        Assert.Equal(S2, p.OnResult(false).NextDelay);
        Assert.Equal(S5, p.OnResult(false).NextDelay);
    }

    [Fact]
    public void OnResult_HttpWhileDown_SpacedByLongerOfDelayLoopAndRetryDelay()
    {
        // lane1 (delay_loop 3, dbr 1) every 3 s; lane3 (delay_loop 2, dbr 5) every 5 s.
        var a = new CheckerPolicy(Timing(S3, 0, S1, FailureSpacing.LongerOfDelayLoopAndRetryDelay, alpha: true, recoveryPass: true));
        Assert.Equal(S3, a.OnResult(false).NextDelay);
        var b = new CheckerPolicy(Timing(S2, 1, S5, FailureSpacing.LongerOfDelayLoopAndRetryDelay, alpha: true, recoveryPass: true));
        Assert.Equal(S5, b.OnResult(false).NextDelay);
        Assert.Equal(S5, b.OnResult(false).NextDelay);
    }

    [Fact]
    public void OnResult_Alpha_StartsDownAndOneSuccessBringsUp()
    {
        var p = new CheckerPolicy(Timing(S2, 1, S1, alpha: true));
        Assert.False(p.IsUp);
        Assert.Equal(CheckerTransition.Up, p.OnResult(true).Transition);
        Assert.True(p.IsUp);
    }

    [Fact]
    public void OnResult_HttpSingleUrlRecovering_NeedsTwoSuccessesDelayLoopApart()
    {
        // lane1/lane3: "HTTP status code success" twice, delay_loop apart, then "succeed on service".
        var p = new CheckerPolicy(Timing(S2, 1, S5, FailureSpacing.LongerOfDelayLoopAndRetryDelay, alpha: true, recoveryPass: true));
        Assert.Equal(new CheckerStep(S2, CheckerTransition.None, false), p.OnResult(true));
        Assert.True(p.Recovering);
        Assert.Equal(new CheckerStep(S2, CheckerTransition.Up, false), p.OnResult(true));
    }

    [Fact]
    public void OnResult_HttpTwoUrlsRecovering_RestartsAtFirstUrlAndWalksAll()
    {
        // lane2 u1/u2: u1 failed (down, retried on u1), then u1 ok, u1 ok, u2 ok -> up.
        var p = new CheckerPolicy(Timing(S2, 0, S3, FailureSpacing.LongerOfDelayLoopAndRetryDelay, steps: 2, recoveryPass: true));
        Assert.Equal(0, p.Step);
        p.OnResult(true); // startup pass: u1
        Assert.Equal(1, p.Step);
        p.OnResult(true); // u2 completes the startup pass
        Assert.Equal(0, p.Step);
        Assert.Equal(CheckerTransition.Down, p.OnResult(false).Transition); // u1 fails, retry 0
        Assert.Equal(0, p.Step);
        Assert.Equal(S3, p.OnResult(false).NextDelay); // down: retried on u1 every max(2, 3)
        Assert.Equal(0, p.Step);
        Assert.Equal(new CheckerStep(S2, CheckerTransition.None, false), p.OnResult(true)); // u1 ok: pass starts
        Assert.Equal(0, p.Step);
        Assert.Equal(new CheckerStep(S2, CheckerTransition.None, false), p.OnResult(true)); // u1 ok
        Assert.Equal(1, p.Step);
        Assert.Equal(new CheckerStep(S2, CheckerTransition.Up, false), p.OnResult(true)); // u2 ok -> up
        Assert.Equal(0, p.Step);
    }

    [Fact]
    public void OnResult_HttpFastRecovery_WalksUrlsWithoutDelay()
    {
        // lane2 v1/v2 fast_recovery: v2 ok, v1 ok, v2 ok back to back -> up.
        var p = new CheckerPolicy(Timing(S2, 0, S3, FailureSpacing.LongerOfDelayLoopAndRetryDelay, alpha: true, steps: 2, recoveryPass: true, fast: true));
        Assert.Equal(new CheckerStep(TimeSpan.Zero, CheckerTransition.None, false), p.OnResult(true));
        Assert.Equal(new CheckerStep(TimeSpan.Zero, CheckerTransition.None, false), p.OnResult(true));
        Assert.Equal(new CheckerStep(S2, CheckerTransition.Up, false), p.OnResult(true));
    }

    [Fact]
    public void OnResult_HttpFastRecoveryAtStartup_FirstPassBackToBackThenOneUrlPerDelayLoop()
    {
        var p = new CheckerPolicy(Timing(S2, 0, S3, FailureSpacing.LongerOfDelayLoopAndRetryDelay, steps: 2, recoveryPass: true, fast: true));
        Assert.Equal(TimeSpan.Zero, p.OnResult(true).NextDelay);
        Assert.Equal(S2, p.OnResult(true).NextDelay);
        Assert.Equal(S2, p.OnResult(true).NextDelay);
        Assert.Equal(1, p.Step);
    }

    [Fact]
    public void OnResult_HttpRecoveryPassFails_StaysDownOnFailedUrl()
    {
        var p = new CheckerPolicy(Timing(S2, 0, S3, FailureSpacing.LongerOfDelayLoopAndRetryDelay, alpha: true, steps: 3, recoveryPass: true));
        p.OnResult(true);
        p.OnResult(true);
        Assert.Equal(1, p.Step);
        Assert.Equal(CheckerTransition.None, p.OnResult(false).Transition);
        Assert.False(p.Recovering);
        Assert.Equal(1, p.Step);
        p.OnResult(true); // new pass from URL 0
        Assert.Equal(0, p.Step);
    }

    [Fact]
    public void InitialDelay_AnyRandom_WithinZeroAndWarmup()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<double>(), ArbMap.Default.ArbFor<int>(), (r, w) =>
        {
            var warmup = TimeSpan.FromMilliseconds(Math.Abs((long)w) % 600_000);
            var p = new CheckerPolicy(Timing(S2, 1, S1, warmup: warmup));
            var d = p.InitialDelay(double.IsNaN(r) ? 0 : r);
            return d >= TimeSpan.Zero && d <= warmup;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void InitialDelay_WarmupZero_StartsImmediately()
    {
        var p = new CheckerPolicy(Timing(S2, 1, S1, warmup: TimeSpan.Zero));
        Assert.Equal(TimeSpan.Zero, p.InitialDelay(0.99));
    }

    [Fact]
    public void OnResult_AnySequence_RetriesOnlyWhileUpExceptRetryCycle()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<bool[]>(), ArbMap.Default.ArbFor<byte>(), (results, retryRaw) =>
        {
            var retry = retryRaw % 4;
            var p = new CheckerPolicy(Timing(S2, retry, S5));
            var consecutiveRetries = 0;
            foreach (var ok in results ?? [])
            {
                var wasUp = p.IsUp;
                var step = p.OnResult(ok);
                if (step.IsRetry)
                {
                    consecutiveRetries++;
                    if (!wasUp || consecutiveRetries > retry || step.NextDelay != S5)
                    {
                        return false;
                    }
                }
                else
                {
                    consecutiveRetries = 0;
                    if (step.NextDelay != S2)
                    {
                        return false;
                    }
                }
            }

            return true;
        }).QuickCheckThrowOnFailure();
    }
}
