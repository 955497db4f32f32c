namespace Vigil.Linux.Scripts;

/// <summary>How a script run ended.</summary>
public enum ScriptOutcome
{
    /// <summary>Exited by itself; see <see cref="ScriptResult.ExitCode"/>.</summary>
    Exited,

    /// <summary>Killed by a signal nobody in Vigil sent (<see cref="ScriptResult.Signal"/>).</summary>
    Signaled,

    /// <summary>Ran past its timeout: its process group got SIGTERM, then SIGKILL 2 s later.</summary>
    TimedOut,

    /// <summary>Could not be started (unknown user, no such file, spawn failure); <see cref="ScriptResult.Error"/> says why.</summary>
    FailedToStart,

    /// <summary>Stopped because the caller cancelled or the runner shut down.</summary>
    Cancelled,
}
