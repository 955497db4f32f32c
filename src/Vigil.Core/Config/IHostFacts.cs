namespace Vigil.Config;

/// <summary>
/// What configuration validation needs to know about the host it will run on. The daemon's implementation
/// (<c>Vigil.Linux.Config.LinuxHostFacts</c>) asks the kernel from the calling thread, so it answers for the network
/// namespace that thread is in; tests use an in-memory one.
/// </summary>
public interface IHostFacts
{
    /// <summary>The node name (uname); its part before the first dot is the default config id and router id.</summary>
    string HostName { get; }

    /// <summary>True when a network interface of that name exists (in the caller's network namespace).</summary>
    bool InterfaceExists(string name);

    /// <summary>Looks up an account: a user name (or numeric uid) and an optional group name (or numeric gid).</summary>
    /// <returns>null when the user or the group does not exist; else uid and gid (the user's primary group when no group is given).</returns>
    (int Uid, int Gid)? ResolveAccount(string user, string? group);

    /// <summary>Ownership and permissions of a path, or null when it does not exist (symbolic links are followed).</summary>
    HostFileFacts? GetFileFacts(string path);

    /// <summary>Reads an environment variable (for <c>${_ENV NAME}</c>).</summary>
    string? GetEnvironmentVariable(string name);

    /// <summary>True when a host name resolves (for <c>smtp_server NAME</c>); must answer within a bounded time.</summary>
    bool CanResolveHostName(string name);
}

/// <summary>The facts about a file that script security checks need.</summary>
/// <param name="Uid">Owner.</param>
/// <param name="Gid">Group.</param>
/// <param name="Mode">Permission bits (lower 12 bits of st_mode).</param>
/// <param name="IsDirectory">True for directories.</param>
public sealed record HostFileFacts(int Uid, int Gid, UnixFileMode Mode, bool IsDirectory)
{
    public bool IsExecutable => (Mode & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
}
