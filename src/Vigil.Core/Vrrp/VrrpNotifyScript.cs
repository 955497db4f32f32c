namespace Vigil.Vrrp;

/// <summary>A <c>notify*</c> script: <c>"cmd args" [username [groupname]]</c>.</summary>
/// <param name="Command">The command line as configured (keepalived splits it on unquoted white space).</param>
public sealed record VrrpNotifyScript(string Command)
{
    /// <summary>User to run as; null = <c>script_user</c> / default.</summary>
    public string? User { get; init; }

    /// <summary>Group to run as.</summary>
    public string? Group { get; init; }
}
