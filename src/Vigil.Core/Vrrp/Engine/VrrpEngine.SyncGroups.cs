using Vigil.Vrrp.Ports;
using Vigil.Vrrp.Tracking;

namespace Vigil.Vrrp.Engine;

/// <summary>
/// Sync groups (reference §3.12, observed with keepalived 2.2.7): a member in FAULT puts the others in FAULT; members
/// go MASTER only when every member wants MASTER (the last one to want it goes first, then "Syncing instances to
/// MASTER state"); a member dropping from MASTER to BACKUP takes the others with it. Group notifications follow the
/// members' (FIFO order observed: <c>INSTANCE "VI_2" MASTER</c>, <c>INSTANCE "VI_1" MASTER</c>, <c>GROUP "G1" MASTER 0</c>),
/// except at startup where the group's BACKUP comes first.
/// </summary>
public sealed partial class VrrpEngine
{
    private const VrrpFaultReasons GroupOwnReasons = VrrpFaultReasons.SyncGroupFault | VrrpFaultReasons.TrackerPending;

    private List<SyncGroup>? _groups;

    /// <summary>State of a sync group as its notifications last reported it (Init before start).</summary>
    public VrrpState GetSyncGroupState(string group) =>
        Groups.FirstOrDefault(g => g.Settings.Name == group)?.State ?? throw new ArgumentException($"no vrrp_sync_group {group}", nameof(group));

    private List<SyncGroup> Groups => _groups ??= [.. _plan.SyncGroups
        .Select(g => new SyncGroup(g, [.. g.Members.Where(_byName.ContainsKey).Select(m => _byName[m])]))
        .Where(g => g.Members.Count > 0)];

    private SyncGroup? GroupOf(VrrpInstance instance) => Groups.FirstOrDefault(g => g.Members.Contains(instance));

    private void BeforeStartGroups()
    {
        foreach (var g in Groups)
        {
            if (g.Members.All(m => m.FaultReasons == VrrpFaultReasons.None))
            {
                // Observed: GROUP "G1" BACKUP 0 is the first FIFO line, before the members' BACKUP lines.
                SetGroupState(g, VrrpState.Backup);
            }
        }
    }

    private void StopGroups()
    {
        foreach (var g in Groups.Where(g => g.State != VrrpState.Init))
        {
            g.State = VrrpState.Init;
            NotifyGroup(g, VrrpNotifyState.Stop);
        }
    }

    private void AfterTransition(VrrpInstance instance, VrrpTransition transition)
    {
        if (_plan.SyncGroups.IsEmpty || GroupOf(instance) is not { } g || g.Syncing)
        {
            return;
        }

        g.Syncing = true;
        try
        {
            Synchronise(g, instance, transition);
            var next = g.Members.Any(m => m.State == VrrpState.Fault) ? VrrpState.Fault
                : g.Members.All(m => m.State == VrrpState.Master) ? VrrpState.Master
                : g.Members.All(m => m.State == VrrpState.Backup) ? VrrpState.Backup
                : g.State;
            if (next != g.State)
            {
                SetGroupState(g, next);
            }
        }
        finally
        {
            g.Syncing = false;
        }
    }

    private void Synchronise(SyncGroup g, VrrpInstance instance, VrrpTransition transition)
    {
        // FAULT: members without a fault of their own carry SyncGroupFault while any member has one.
        var faulted = g.Members.Any(m => (m.FaultReasons & ~GroupOwnReasons) != VrrpFaultReasons.None);
        var others = g.Members.Where(m => (m.FaultReasons & ~GroupOwnReasons) == VrrpFaultReasons.None).ToList();
        if (faulted)
        {
            var toMark = others.Where(m => !m.FaultReasons.HasFlag(VrrpFaultReasons.SyncGroupFault)).ToList();
            if (toMark.Any(m => m.State is VrrpState.Master or VrrpState.Backup))
            {
                VrrpLog.SyncGroupSyncing(_logger, g.Settings.Name, "FAULT");
            }

            foreach (var m in toMark)
            {
                Handle(m, new VrrpEvent.FaultChanged(VrrpFaultReasons.SyncGroupFault, true));
            }

            return;
        }

        var toClear = g.Members.Where(m => m.FaultReasons.HasFlag(VrrpFaultReasons.SyncGroupFault)).ToList();
        if (toClear.Count > 0)
        {
            if (toClear.Any(m => m.FaultReasons == VrrpFaultReasons.SyncGroupFault && m.State == VrrpState.Fault))
            {
                VrrpLog.SyncGroupSyncing(_logger, g.Settings.Name, "BACKUP");
            }

            foreach (var m in toClear)
            {
                Handle(m, new VrrpEvent.FaultChanged(VrrpFaultReasons.SyncGroupFault, false));
            }
        }

        if (transition.From == VrrpState.Master && transition.To == VrrpState.Backup)
        {
            var masters = g.Members.Where(m => m != instance && m.State == VrrpState.Master).ToList();
            if (masters.Count > 0)
            {
                VrrpLog.SyncGroupSyncing(_logger, g.Settings.Name, "BACKUP");
            }

            foreach (var m in masters)
            {
                Handle(m, new VrrpEvent.SyncGroupDecision(VrrpState.Backup));
            }

            return;
        }

        if (transition.Effects.Any(e => e is VrrpEffect.WantState { State: VrrpState.Master }) &&
            g.Members.All(m => m.State == VrrpState.Master || (m.State == VrrpState.Backup && m.WantedState == VrrpState.Master)))
        {
            Handle(instance, new VrrpEvent.SyncGroupDecision(VrrpState.Master));
            var waiting = g.Members.Where(m => m != instance && m.State == VrrpState.Backup).ToList();
            if (waiting.Count > 0)
            {
                VrrpLog.SyncGroupSyncing(_logger, g.Settings.Name, "MASTER");
            }

            foreach (var m in waiting)
            {
                Handle(m, new VrrpEvent.SyncGroupDecision(VrrpState.Master));
            }
        }
    }

    private void SetGroupState(SyncGroup g, VrrpState state)
    {
        g.State = state;
        NotifyGroup(g, state switch
        {
            VrrpState.Master => VrrpNotifyState.Master,
            VrrpState.Fault => VrrpNotifyState.Fault,
            _ => VrrpNotifyState.Backup,
        });
    }

    private void NotifyGroup(SyncGroup g, VrrpNotifyState state) =>
        Try(g.Settings.Name, "notify", () => _ports.Notifier.Notify(VrrpNotification.ForGroup(g.Settings, state)));

    private sealed class SyncGroup(VrrpSyncGroupSettings settings, List<VrrpInstance> members)
    {
        public VrrpSyncGroupSettings Settings { get; } = settings;

        public List<VrrpInstance> Members { get; } = members;

        public VrrpState State { get; set; } = VrrpState.Init;

        public bool Syncing { get; set; }
    }
}
