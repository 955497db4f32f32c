using System.Collections.Immutable;
using System.Net;
using System.Text.Json.Serialization;

namespace Vigil.Config.Model;

/// <summary><c>MISC_CHECK</c>: run a program; exit 0 = up (with <see cref="Dynamic"/>, 2..255 also set the weight).</summary>
public sealed record MiscCheckConfig : CheckerConfig
{
    public override CheckerKind Kind => CheckerKind.MiscCheck;

    public ScriptConfig? Script { get; init; }

    /// <summary><c>misc_timeout</c>; default the delay loop.</summary>
    public TimeSpan? Timeout { get; init; }

    public bool Dynamic { get; init; }
}
