using Vigil.Vrrp.Tracking;

namespace Vigil.Vrrp.Engine;

/// <summary>
/// Tracking: tracked objects' values go into a <see cref="TrackingTable"/>, each instance's outcome (priority, FAULT,
/// pending) is applied as <see cref="VrrpEvent.PriorityChanged"/> and <see cref="VrrpEvent.FaultChanged"/>. Script
/// hysteresis and keepalived's script lines are here too, so the runtime only reports raw run results.
/// </summary>
public sealed partial class VrrpEngine
{
    private readonly TrackingTable _tracking = new();
    private readonly Dictionary<string, (ScriptResultCounter Counter, int LastStatus)> _scripts = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Instance, string File), bool> _fileFaults = [];
    private readonly VrrpTrackingPlan _plan;

    /// <summary>The tracking plan the engine was built with.</summary>
    public VrrpTrackingPlan TrackingPlan => _plan;

    /// <summary>One finished run of a <c>vrrp_script</c> (rise/fall, logging and priority happen in the engine).</summary>
    public void PostScriptResult(string script, VrrpScriptResult result) => Post(e => e.OnScriptResult(script, result));

    /// <summary>A <c>track_file</c>'s number (a missing or unreadable file is 0).</summary>
    public void PostTrackFile(string name, long value) => Post(e => e.UpdateTracker(TrackerKind.File, name, TrackerValue.File(value)));

    /// <summary>Several <c>track_file</c> values at once (the reading at start): each instance's priority is recomputed
    /// once, so it logs one change ("Changing effective priority from 100 to 109"), as keepalived does.</summary>
    public void PostTrackFiles(IReadOnlyList<KeyValuePair<string, long>> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var copy = values.ToArray();
        Post(e =>
        {
            var touched = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (name, value) in copy)
            {
                touched.UnionWith(e._tracking.Set(TrackerKind.File, name, TrackerValue.File(value)));
            }

            foreach (var instanceName in e._instances.Select(i => i.Name).Where(touched.Contains))
            {
                e.ApplyTracking(e._byName[instanceName]);
            }
        });
    }

    /// <summary>A <c>track_process</c>'s verdict (the process count is within its quorum).</summary>
    public void PostTrackProcess(string name, bool up) => Post(e => e.UpdateTracker(TrackerKind.Process, name, up ? TrackerValue.Up : TrackerValue.Down));

    private void InitTracking()
    {
        foreach (var s in _plan.Scripts)
        {
            _scripts[s.Name] = (new ScriptResultCounter(s.Rise, s.Fall), 0);
        }

        foreach (var i in _instances)
        {
            if (_plan.Tracked.TryGetValue(i.Name, out var refs) && !refs.IsEmpty)
            {
                _tracking.Add(i.Name, i.Settings.Priority, refs);
                ApplyTracking(i);
            }
        }
    }

    private void OnScriptResult(string script, VrrpScriptResult result)
    {
        if (!_scripts.TryGetValue(script, out var entry))
        {
            return;
        }

        if (result.Kind == VrrpScriptResultKind.Exited && result.Code != entry.LastStatus)
        {
            VrrpLog.ScriptNowReturning(_logger, script, result.Code);
            entry.LastStatus = result.Code;
            _scripts[script] = entry;
        }

        if (!entry.Counter.Record(result.Succeeded))
        {
            return;
        }

        var health = entry.Counter.Health;
        if (health == TrackerHealth.Up)
        {
            VrrpLog.ScriptSucceeded(_logger, script);
        }
        else
        {
            switch (result.Kind)
            {
                case VrrpScriptResultKind.Signaled:
                    VrrpLog.ScriptFailedSignal(_logger, script, result.Code);
                    break;
                case VrrpScriptResultKind.TimedOut:
                    VrrpLog.ScriptTimedOut(_logger, script);
                    break;
                case VrrpScriptResultKind.FailedToStart:
                    // keepalived's child cannot exec the script and exits with 127 (the shell's "not found").
                    VrrpLog.ScriptFailedStatus(_logger, script, 127);
                    break;
                default:
                    VrrpLog.ScriptFailedStatus(_logger, script, result.Code);
                    break;
            }
        }

        UpdateTracker(TrackerKind.Script, script, new TrackerValue(health));
    }

    private void UpdateTracker(TrackerKind kind, string name, TrackerValue value)
    {
        foreach (var instanceName in _tracking.Set(kind, name, value))
        {
            ApplyTracking(_byName[instanceName]);
        }
    }

    private void ApplyTracking(VrrpInstance instance)
    {
        if (_tracking.Outcome(instance.Name) is not { } outcome)
        {
            return;
        }

        foreach (var (file, fault) in _tracking.ZeroWeightFiles(instance.Name))
        {
            var key = (instance.Name, file);
            var was = _fileFaults.TryGetValue(key, out var f) && f;
            if (was != fault)
            {
                _fileFaults[key] = fault;
                if (fault)
                {
                    VrrpLog.TrackedFileFault(_logger, instance.Name, file);
                }
                else
                {
                    VrrpLog.TrackedFileFaultCleared(_logger, instance.Name, file);
                }
            }
        }

        if (outcome.Priority != instance.EffectivePriority && !instance.Settings.IsAddressOwner)
        {
            Handle(instance, new VrrpEvent.PriorityChanged(outcome.Priority));
        }

        if (instance.FaultReasons.HasFlag(VrrpFaultReasons.TrackerFailed) != outcome.Fault)
        {
            Handle(instance, new VrrpEvent.FaultChanged(VrrpFaultReasons.TrackerFailed, outcome.Fault));
        }

        if (instance.FaultReasons.HasFlag(VrrpFaultReasons.TrackerPending) != outcome.Pending)
        {
            Handle(instance, new VrrpEvent.FaultChanged(VrrpFaultReasons.TrackerPending, outcome.Pending));
        }
    }
}
