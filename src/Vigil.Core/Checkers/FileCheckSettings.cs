namespace Vigil.Checkers;

/// <summary>
/// <c>FILE_CHECK { track_file NAME; weight W [reverse] }</c> with the <c>track_file NAME { file PATH }</c>
/// it names. With weight 0 a non-zero value in the file means down; otherwise value × weight (negated
/// with <c>reverse</c>) is added to the real server's weight (keepalived.conf(5), "Track files").
/// </summary>
public sealed record FileCheckSettings : CheckerSettings
{
    public override CheckerKind Kind => CheckerKind.File;

    /// <summary><c>track_file</c>: the name of the track_file block.</summary>
    public required string TrackFile { get; init; }

    /// <summary>The <c>file</c> of that track_file block.</summary>
    public required string Path { get; init; }

    /// <summary><c>weight</c> (default the track_file's weight, itself default 1).</summary>
    public int Weight { get; init; } = 1;

    /// <summary><c>reverse</c>.</summary>
    public bool Reverse { get; init; }
}
