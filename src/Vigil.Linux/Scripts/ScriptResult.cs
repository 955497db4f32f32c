namespace Vigil.Linux.Scripts;

/// <summary>The end of a script run: exit status or signal (exact, from waitid), how long it ran, and why it failed to start.</summary>
public sealed record ScriptResult(ScriptOutcome Outcome, int ExitCode, int Signal, TimeSpan Duration, string? Error = null)
{
    public bool Succeeded => Outcome == ScriptOutcome.Exited && ExitCode == 0;

    public override string ToString() => Outcome switch
    {
        ScriptOutcome.Exited => $"exited with status {ExitCode}",
        ScriptOutcome.Signaled => $"killed by signal {Signal}",
        ScriptOutcome.TimedOut => "timed out",
        ScriptOutcome.Cancelled => "cancelled",
        _ => $"failed to start: {Error}",
    };
}
