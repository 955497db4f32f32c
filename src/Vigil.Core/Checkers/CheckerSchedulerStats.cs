namespace Vigil.Checkers;

/// <summary>Counters of a <see cref="CheckerScheduler"/> (monotonic since construction).</summary>
public readonly record struct CheckerSchedulerStats(
    long ProbesStarted,
    long ProbesCompleted,
    long ProbesAbandoned,
    long LateResults,
    long ProbeExceptions,
    long SinkErrors,
    int InFlight);
