namespace Vigil.Checkers;

/// <summary>
/// The state machine of one checker (keepalived.conf(5) and keepalived 2.2.7 as observed in the IPVS lane,
/// see docs/checkers.md): pure, no clock — the caller applies <see cref="CheckerStep.NextDelay"/>.
/// <list type="bullet">
/// <item>A checker starts up, or down with <c>alpha</c>.</item>
/// <item>A failure while up is retried <c>retry</c> times, <c>delay_before_retry</c> apart, on the same
/// URL; then the checker goes down. While down the spacing depends on the checker
/// (<see cref="FailureSpacing"/>).</item>
/// <item>One success brings a checker up, except HTTP_GET/SSL_GET: a recovering server must pass a full
/// pass over all URLs after its first success (N+1 checks, delay_loop apart unless
/// <c>fast_recovery</c>); while up one URL is checked per delay_loop, in turn.</item>
/// </list>
/// </summary>
public sealed class CheckerPolicy
{
    private readonly CheckerTiming _timing;
    private int _retries;
    private bool _passActive;

    public CheckerPolicy(CheckerTiming timing)
    {
        ArgumentNullException.ThrowIfNull(timing);
        _timing = timing;
        IsUp = !timing.Alpha;

        // Without alpha HTTP starts by walking every URL once (fast with fast_recovery); observed: the
        // first two URLs of a fast_recovery checker were fetched back to back at startup.
        _passActive = timing.RecoveryPass && IsUp && timing.Steps > 1;
    }

    public bool IsUp { get; private set; }

    /// <summary>True once a probe result has been applied.</summary>
    public bool HasRun { get; private set; }

    /// <summary>The URL index (HTTP_GET/SSL_GET) the next probe checks.</summary>
    public int Step { get; private set; }

    /// <summary>Failed attempts since the last success (or the last down transition).</summary>
    public int Retries => _retries;

    /// <summary>How many retries the last down transition took (0 when the very first check failed).</summary>
    public int RetriesBeforeDown { get; private set; }

    /// <summary>True while a recovering HTTP checker walks its URLs.</summary>
    public bool Recovering => _passActive && !IsUp;

    public CheckerTiming Timing => _timing;

    /// <summary>The first probe is delayed by a random time in [0, warmup] to spread load (0 disables).</summary>
    public TimeSpan InitialDelay(double random01)
    {
        if (_timing.Warmup <= TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        var r = Math.Clamp(random01, 0.0, 1.0);
        return TimeSpan.FromTicks((long)(_timing.Warmup.Ticks * r));
    }

    public CheckerStep OnResult(bool success) => success ? OnSuccess() : OnFailure();

    /// <summary>Forces a state (FILE_CHECK, whose state follows the file, and tests).</summary>
    public CheckerTransition Set(bool up)
    {
        HasRun = true;
        _retries = 0;
        _passActive = false;
        Step = 0;
        if (up == IsUp)
        {
            return CheckerTransition.None;
        }

        IsUp = up;
        return up ? CheckerTransition.Up : CheckerTransition.Down;
    }

    private CheckerStep OnSuccess()
    {
        HasRun = true;
        _retries = 0;
        var between = _timing.FastRecovery ? TimeSpan.Zero : _timing.DelayLoop;
        if (IsUp)
        {
            if (_timing.Steps > 1)
            {
                Step = (Step + 1) % _timing.Steps;
                if (_passActive)
                {
                    if (Step == 0)
                    {
                        _passActive = false;
                        return new CheckerStep(_timing.DelayLoop, CheckerTransition.None, false);
                    }

                    return new CheckerStep(between, CheckerTransition.None, false);
                }
            }

            return new CheckerStep(_timing.DelayLoop, CheckerTransition.None, false);
        }

        if (!_timing.RecoveryPass)
        {
            IsUp = true;
            return new CheckerStep(_timing.DelayLoop, CheckerTransition.Up, false);
        }

        if (!_passActive)
        {
            // First success after a failure: start a full pass from the first URL (observed: u1 ok,
            // u1 ok, u2 ok, then up; with one URL two successes are needed).
            _passActive = true;
            Step = 0;
            return new CheckerStep(between, CheckerTransition.None, false);
        }

        Step++;
        if (Step >= _timing.Steps)
        {
            Step = 0;
            _passActive = false;
            IsUp = true;
            return new CheckerStep(_timing.DelayLoop, CheckerTransition.Up, false);
        }

        return new CheckerStep(between, CheckerTransition.None, false);
    }

    private CheckerStep OnFailure()
    {
        var firstRun = !HasRun;
        HasRun = true;
        if (IsUp)
        {
            // keepalived 2.2.7: a failure on the very first check takes the server down at once, no retries
            // (observed: "TCP_CHECK ... failed." one second after start with retry 1).
            if (!firstRun && _retries < _timing.Retry)
            {
                _retries++;
                return new CheckerStep(_timing.DelayBeforeRetry, CheckerTransition.None, true);
            }

            IsUp = false;
            RetriesBeforeDown = _retries;
            _retries = 0;
            _passActive = false;
            return new CheckerStep(DownSpacing(), CheckerTransition.Down, false);
        }

        _passActive = false;
        switch (_timing.FailureSpacing)
        {
            case FailureSpacing.RetryCycle:
                if (_retries < _timing.Retry)
                {
                    _retries++;
                    return new CheckerStep(_timing.DelayBeforeRetry, CheckerTransition.None, true);
                }

                _retries = 0;
                return new CheckerStep(_timing.DelayLoop, CheckerTransition.None, false);
            default:
                return new CheckerStep(DownSpacing(), CheckerTransition.None, false);
        }
    }

    private TimeSpan DownSpacing() => _timing.FailureSpacing == FailureSpacing.LongerOfDelayLoopAndRetryDelay
        ? (_timing.DelayLoop > _timing.DelayBeforeRetry ? _timing.DelayLoop : _timing.DelayBeforeRetry)
        : _timing.DelayLoop;
}
