using System.Collections.Immutable;

namespace Vigil.Vrrp.Tracking;

/// <summary>A <c>vrrp_sync_group</c>: members change state together; group notifications.</summary>
/// <param name="Name">The group's name.</param>
/// <param name="Members">Member instance names.</param>
public sealed record VrrpSyncGroupSettings(string Name, ImmutableArray<string> Members)
{
    /// <summary><c>notify_master</c>.</summary>
    public VrrpNotifyScript? NotifyMaster { get; init; }

    /// <summary><c>notify_backup</c>.</summary>
    public VrrpNotifyScript? NotifyBackup { get; init; }

    /// <summary><c>notify_fault</c>.</summary>
    public VrrpNotifyScript? NotifyFault { get; init; }

    /// <summary><c>notify_stop</c>.</summary>
    public VrrpNotifyScript? NotifyStop { get; init; }

    /// <summary><c>notify</c>: run with <c>GROUP name STATE 0</c> appended.</summary>
    public VrrpNotifyScript? Notify { get; init; }
}
