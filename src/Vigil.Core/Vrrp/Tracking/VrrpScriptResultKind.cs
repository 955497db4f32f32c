namespace Vigil.Vrrp.Tracking;

/// <summary>How one run of a <c>vrrp_script</c> ended.</summary>
public enum VrrpScriptResultKind
{
    /// <summary>Exited; the code is the exit status (0 = success).</summary>
    Exited,

    /// <summary>Killed by a signal; the code is the signal number.</summary>
    Signaled,

    /// <summary>Ran past its timeout.</summary>
    TimedOut,

    /// <summary>Could not be started (counts as a failure).</summary>
    FailedToStart,
}
