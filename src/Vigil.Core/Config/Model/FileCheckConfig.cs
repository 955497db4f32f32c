using System.Collections.Immutable;
using System.Net;
using System.Text.Json.Serialization;

namespace Vigil.Config.Model;

/// <summary><c>FILE_CHECK</c>: the value of a <c>track_file</c> decides up/down (and weight).</summary>
public sealed record FileCheckConfig : CheckerConfig
{
    public override CheckerKind Kind => CheckerKind.FileCheck;

    public string? TrackFile { get; init; }

    public int Weight { get; init; } = 1;

    public bool Reverse { get; init; }

    public bool WeightConfigured { get; init; }
}
