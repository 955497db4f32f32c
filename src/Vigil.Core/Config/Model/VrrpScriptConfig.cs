using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;

namespace Vigil.Config.Model;

/// <summary><c>vrrp_script NAME</c>: a tracking script run every <see cref="Interval"/>.</summary>
public sealed record VrrpScriptConfig
{
    public required string Name { get; init; }

    public ScriptConfig? Script { get; init; }

    /// <summary>Default 1 s.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Default: the interval.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>-253..253; 0 = failure means FAULT.</summary>
    public int Weight { get; init; }

    public bool Reverse { get; init; }

    public int Rise { get; init; } = 1;

    public int Fall { get; init; } = 1;

    public bool InitFail { get; init; }

    public SourceLocation Location { get; init; }

    internal bool TimeoutConfigured { get; init; }
}
