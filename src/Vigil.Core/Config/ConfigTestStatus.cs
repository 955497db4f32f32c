namespace Vigil.Config;

/// <summary>
/// Exit status of <c>vigil -t</c>, in keepalived 2.2.7's classes (observed with the installed binary; its man page's
/// 3/4/5 numbering is off by one).
/// </summary>
public enum ConfigTestStatus
{
    /// <summary>No problems.</summary>
    Clean = 0,

    /// <summary>The configuration cannot be run (main file missing or unreadable). keepalived 2.2.7 exits 0 here; we do not copy that.</summary>
    Fatal = 4,

    /// <summary>Configuration errors, but the daemon would run after repairing or ignoring the bad entries.</summary>
    Errors = 5,

    /// <summary>Scripts configured without <c>enable_script_security</c>, or a file missing under an include check.</summary>
    ScriptSecurity = 6,
}
