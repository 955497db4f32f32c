using System.Collections.Immutable;

namespace Vigil.Linux.Scripts;

/// <summary>
/// One run of a configured script: the command line as written in the configuration (split by
/// <see cref="ScriptCommandLine"/>), the user and group to run as (null user = the runner's default
/// <c>script_user</c>; null group = the user's primary group), extra arguments appended after the
/// configured ones (VRRP's generic <c>notify</c> adds four) and the timeout (null = none).
/// </summary>
public sealed record ScriptInvocation(string Command)
{
    public string? User { get; init; }

    public string? Group { get; init; }

    public TimeSpan? Timeout { get; init; }

    public ImmutableArray<string> ExtraArguments { get; init; } = [];
}
