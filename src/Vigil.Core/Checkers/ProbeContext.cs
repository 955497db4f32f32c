namespace Vigil.Checkers;

/// <summary>Per-attempt input of a probe: which URL (HTTP step) and how long it may take.</summary>
public readonly record struct ProbeContext(int Step, TimeSpan Timeout);
