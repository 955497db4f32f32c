namespace Vigil.Checkers;

/// <summary>
/// A script line of the configuration (<c>notify_up</c>, <c>notify_down</c>, <c>quorum_up</c>,
/// <c>quorum_down</c>): <c>"cmd args" [username [groupname]]</c>. Null user means the global script_user.
/// </summary>
public sealed record NotifyScript(string Command, string? User = null, string? Group = null);
