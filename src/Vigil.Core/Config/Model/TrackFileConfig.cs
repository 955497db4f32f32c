using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;

namespace Vigil.Config.Model;

/// <summary><c>track_file NAME</c> (alias <c>vrrp_track_file</c>): a file whose numeric content adjusts priority.</summary>
public sealed record TrackFileConfig
{
    public required string Name { get; init; }

    public string? File { get; init; }

    /// <summary>Default weight for references (1).</summary>
    public int Weight { get; init; } = 1;

    public bool Reverse { get; init; }

    /// <summary><c>init_file [VALUE] [overwrite]</c>: create/initialise the file at startup.</summary>
    public bool InitFile { get; init; }

    public long InitValue { get; init; }

    public bool InitOverwrite { get; init; }

    public SourceLocation Location { get; init; }
}
