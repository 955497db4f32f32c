namespace Vigil.Config.Validation;

/// <summary>Which keepalived process would run a script (the SECURITY VIOLATION message names the class).</summary>
internal enum ScriptKind
{
    /// <summary>vrrp_script, notify scripts of instances and sync groups, VRRP FIFO scripts.</summary>
    Vrrp,

    /// <summary>MISC_CHECK, notify_up/down, quorum_up/down, LVS FIFO script.</summary>
    Checker,

    /// <summary>startup_script / shutdown_script (run by the parent).</summary>
    StartStop,
}
