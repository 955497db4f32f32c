namespace Vigil.Config.Preprocessing;

/// <summary>
/// keepalived's include checks (keepalived.conf(5) "include_check"): which missing or unreadable include matches
/// are errors. <c>includer/includem/includew/includeb/includea</c> add checks for one line; <c>-e</c> turns all on.
/// </summary>
[Flags]
internal enum IncludeChecks
{
    None = 0,

    /// <summary>Error if a match is not a readable file.</summary>
    Readable = 1,

    /// <summary>Error if nothing matches a pattern without wildcards (implies readable).</summary>
    Match = 2,

    /// <summary>Error if nothing matches, even with wildcards (implies readable).</summary>
    WildcardMatch = 4,

    /// <summary>Error if one alternative of a brace expansion matches nothing (implies readable).</summary>
    BraceMatch = 8,

    All = Readable | Match | WildcardMatch | BraceMatch,
}
