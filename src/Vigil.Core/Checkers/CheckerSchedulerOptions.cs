namespace Vigil.Checkers;

/// <summary>Knobs of a <see cref="CheckerScheduler"/>.</summary>
public sealed record CheckerSchedulerOptions
{
    /// <summary>Random source for warmup (inject a seeded one in tests).</summary>
    public Random Random { get; init; } = new();

    /// <summary>
    /// Extra time past a probe's own timeout before the scheduler abandons it as timed out (a watchdog for
    /// probes that ignore their deadline; a well-behaved probe reports its own timeout first).
    /// </summary>
    public TimeSpan ProbeGrace { get; init; } = TimeSpan.FromMilliseconds(500);
}
