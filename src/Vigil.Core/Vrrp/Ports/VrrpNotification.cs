using System.Collections.Immutable;
using System.Globalization;

namespace Vigil.Vrrp.Ports;

/// <summary>
/// One notification, with keepalived's semantics (reference §3.13): the state's specific script runs with its
/// configured arguments only, then the generic <c>notify</c> script with <c>INSTANCE name STATE priority</c> appended,
/// and the FIFO gets <see cref="FifoLine"/>.
/// </summary>
/// <param name="InstanceName">The instance.</param>
/// <param name="State">What happened.</param>
/// <param name="Priority">Effective priority (keepalived passes it for every state, STOP included).</param>
/// <param name="Script">The state's own script (<c>notify_master</c>, …), if configured.</param>
/// <param name="GenericScript">The instance's <c>notify</c> script, if configured and if it applies to this state.</param>
public sealed record VrrpNotification(
    string InstanceName,
    VrrpNotifyState State,
    int Priority,
    VrrpNotifyScript? Script,
    VrrpNotifyScript? GenericScript)
{
    /// <summary>keepalived's word for the state: MASTER, BACKUP, FAULT, STOP, DELETED, MASTER_RX_LOWER_PRI, …</summary>
    public string StateWord => State switch
    {
        VrrpNotifyState.Master => "MASTER",
        VrrpNotifyState.Backup => "BACKUP",
        VrrpNotifyState.Fault => "FAULT",
        VrrpNotifyState.Stop => "STOP",
        VrrpNotifyState.Deleted => "DELETED",
        VrrpNotifyState.MasterRxLowerPri => "MASTER_RX_LOWER_PRI",
        VrrpNotifyState.MasterPriority => "MASTER_PRIORITY",
        VrrpNotifyState.BackupPriority => "BACKUP_PRIORITY",
        _ => State.ToString().ToUpperInvariant(),
    };

    /// <summary>A <c>vrrp_sync_group</c>'s notification (<see cref="InstanceName"/> is the group's name, priority 0).</summary>
    public bool IsGroup { get; init; }

    /// <summary>Arguments appended to <see cref="GenericScript"/>: <c>INSTANCE VI_1 MASTER 100</c>, <c>GROUP G1 MASTER 0</c>
    /// (observed with keepalived 2.2.7).</summary>
    public ImmutableArray<string> GenericArguments =>
        [IsGroup ? "GROUP" : "INSTANCE", InstanceName, StateWord, Priority.ToString(CultureInfo.InvariantCulture)];

    /// <summary>The notify FIFO line, newline included: <c>INSTANCE "VI_1" MASTER 100</c>, <c>GROUP "G1" MASTER 0</c>.</summary>
    public string FifoLine => string.Create(CultureInfo.InvariantCulture, $"{(IsGroup ? "GROUP" : "INSTANCE")} \"{InstanceName}\" {StateWord} {Priority}\n");

    /// <summary>Builds a sync group's notification (priority 0, as keepalived).</summary>
    public static VrrpNotification ForGroup(Tracking.VrrpSyncGroupSettings group, VrrpNotifyState state)
    {
        ArgumentNullException.ThrowIfNull(group);
        var script = state switch
        {
            VrrpNotifyState.Master => group.NotifyMaster,
            VrrpNotifyState.Backup => group.NotifyBackup,
            VrrpNotifyState.Fault => group.NotifyFault,
            VrrpNotifyState.Stop => group.NotifyStop,
            _ => null,
        };
        return new(group.Name, state, 0, script, group.Notify) { IsGroup = true };
    }

    /// <summary>Builds the notification for <paramref name="settings"/>: which scripts apply to which state.</summary>
    public static VrrpNotification For(VrrpInstanceSettings settings, VrrpNotifyState state, int priority)
    {
        var script = state switch
        {
            VrrpNotifyState.Master => settings.NotifyMaster,
            VrrpNotifyState.Backup => settings.NotifyBackup,
            VrrpNotifyState.Fault => settings.NotifyFault,
            VrrpNotifyState.Stop => settings.NotifyStop,
            VrrpNotifyState.MasterRxLowerPri => settings.NotifyMasterRxLowerPri,
            _ => null,
        };

        // The generic notify script is told about real state changes only; the *_PRI words are FIFO/specific-script
        // events.
        var generic = state is VrrpNotifyState.Master or VrrpNotifyState.Backup or VrrpNotifyState.Fault or VrrpNotifyState.Stop or VrrpNotifyState.Deleted
            ? settings.Notify
            : null;
        return new(settings.Name, state, priority, script, generic);
    }
}
