namespace Vigil.Linux.Scripts;

/// <summary>Configuration of a <see cref="ScriptRunner"/>.</summary>
public sealed record ScriptRunnerOptions
{
    /// <summary>The global <c>script_user</c> (null = run as Vigil's own user).</summary>
    public string? DefaultUser { get; init; }

    /// <summary>The group of the global <c>script_user</c> (null = that user's primary group).</summary>
    public string? DefaultGroup { get; init; }

    /// <summary>
    /// <c>set_supplementary_groups</c> (keepalived ≥ 2.3): give the script the user's supplementary groups.
    /// Off, as in keepalived 2.2.7, which runs scripts with no supplementary groups.
    /// </summary>
    public bool SupplementaryGroups { get; init; }

    /// <summary>Grace between SIGTERM and SIGKILL for a timed-out or cancelled script (keepalived: 2 s).</summary>
    public TimeSpan KillGrace { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// setpriv(1) from util-linux: sets the parent-death signal (so scripts die with Vigil like keepalived's)
    /// and switches uid/gid. When missing, scripts run without either (and a user switch fails to start).
    /// </summary>
    public string SetPrivPath { get; init; } = "/usr/bin/setpriv";

    /// <summary>The shell for commands whose first word is not an executable file.</summary>
    public string ShellPath { get; init; } = "/bin/sh";

    /// <summary>PATH used to resolve a command's first word (null = Vigil's PATH).</summary>
    public string? SearchPath { get; init; }

    /// <summary>Variables removed from the environment scripts inherit (keepalived unsets these).</summary>
    public IReadOnlyList<string> RemovedEnvironment { get; init; } = ["IFS", "LD_PRELOAD", "LD_LIBRARY_PATH"];
}
