namespace Vigil.Checkers;

/// <summary>
/// <c>MISC_CHECK</c>: runs <c>misc_path</c>. Exit 0 = up, anything else = down; with <c>misc_dynamic</c>
/// exit 2-255 = up and the real server weight becomes status − 2 (keepalived.conf(5)).
/// </summary>
public sealed record MiscCheckSettings : CheckerSettings
{
    public override CheckerKind Kind => CheckerKind.Misc;

    /// <summary><c>misc_path</c>: the command line (split like every keepalived script).</summary>
    public required string Path { get; init; }

    /// <summary><c>misc_timeout</c>; default delay_loop.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary><c>misc_dynamic</c>.</summary>
    public bool Dynamic { get; init; }

    /// <summary><c>user USERNAME</c>; null = the global script_user.</summary>
    public string? User { get; init; }

    /// <summary><c>user USERNAME GROUPNAME</c>; null = the user's primary group.</summary>
    public string? Group { get; init; }
}
