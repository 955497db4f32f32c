using System.Collections.Immutable;
using System.Net;
using System.Text.Json.Serialization;

namespace Vigil.Config.Model;

/// <summary><c>BFD_CHECK</c>: follows a <c>bfd_instance</c>.</summary>
public sealed record BfdCheckConfig : CheckerConfig
{
    public override CheckerKind Kind => CheckerKind.BfdCheck;

    public string? Name { get; init; }
}
