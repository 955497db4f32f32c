using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;

namespace Vigil.Config.Model;

/// <summary><c>vrrp_track_process NAME</c>: the number of matching processes decides up/down.</summary>
public sealed record TrackProcessConfig
{
    public required string Name { get; init; }

    /// <summary>Process name (or full command when <see cref="FullCommand"/>), then parameters to match.</summary>
    public string? Process { get; init; }

    public ImmutableArray<string> Parameters { get; init; } = [];

    public ProcessParamMatch ParamMatch { get; init; }

    /// <summary>True when <c>param_match</c> was given (so an empty parameter list must match exactly).</summary>
    public bool ParamMatchConfigured { get; init; }

    public int Weight { get; init; } = 1;

    public bool Reverse { get; init; }

    public int Quorum { get; init; } = 1;

    public int QuorumMax { get; init; } = int.MaxValue;

    public TimeSpan ForkDelay { get; init; }

    public TimeSpan TerminateDelay { get; init; }

    public bool FullCommand { get; init; }

    public SourceLocation Location { get; init; }
}
