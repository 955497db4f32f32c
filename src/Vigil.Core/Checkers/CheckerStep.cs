namespace Vigil.Checkers;

/// <summary>The decision of <see cref="CheckerPolicy"/> for one probe result: when to probe next and what changed.</summary>
public readonly record struct CheckerStep(TimeSpan NextDelay, CheckerTransition Transition, bool IsRetry);
