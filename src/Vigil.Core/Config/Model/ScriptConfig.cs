using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;

namespace Vigil.Config.Model;

/// <summary>
/// A script keepalived runs (notify_*, vrrp_script, MISC_CHECK, quorum_up...). <see cref="CommandLine"/> is the text
/// configured; <see cref="Arguments"/> is argv as keepalived splits it (unquoted spaces separate, single quotes group,
/// shell-like backslash escapes).
/// </summary>
public sealed record ScriptConfig
{
    public required string CommandLine { get; init; }

    public ImmutableArray<string> Arguments { get; init; } = [];

    /// <summary>User given after the script, or null for the default (<c>script_user</c>, else keepalived_script, else root).</summary>
    public string? User { get; init; }

    public string? Group { get; init; }

    /// <summary>Uid/gid the script will run as, resolved against the host; null when it could not be resolved.</summary>
    public ScriptRunAs? RunAs { get; init; }

    public SourceLocation Location { get; init; }

    /// <summary>Directory of the configuration file that named the script (relative paths are resolved against it).</summary>
    internal string BaseDirectory { get; init; } = "/";

    /// <summary>The program: the first argument.</summary>
    public string Program => Arguments.IsEmpty ? string.Empty : Arguments[0];
}
