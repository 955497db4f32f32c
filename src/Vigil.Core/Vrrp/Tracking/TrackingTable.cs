namespace Vigil.Vrrp.Tracking;

/// <summary>
/// The tracked objects' current values and, per instance, what they add up to. Pure and single-threaded (the engine
/// owns it). Script hysteresis lives in <see cref="ScriptResultCounter"/>; this table only holds the outcome.
/// </summary>
internal sealed class TrackingTable
{
    private readonly Dictionary<(TrackerKind Kind, string Name), TrackerValue> _values = [];
    private readonly Dictionary<string, (int Base, List<TrackedReference> Refs)> _instances = new(StringComparer.Ordinal);

    /// <summary>Registers an instance's base priority and references (duplicates of one object are kept: keepalived
    /// adds each line).</summary>
    public void Add(string instance, int basePriority, IEnumerable<TrackedReference> refs)
    {
        var list = refs.ToList();
        _instances[instance] = (basePriority, list);
        foreach (var r in list)
        {
            _values.TryAdd((r.Kind, r.Name), r.Kind == TrackerKind.File ? TrackerValue.File(0) : TrackerValue.Unknown);
        }
    }

    /// <summary>True when some instance tracks the object.</summary>
    public bool Tracks(TrackerKind kind, string name) => _values.ContainsKey((kind, name));

    /// <summary>The object's current value (Unknown when not tracked).</summary>
    public TrackerValue Get(TrackerKind kind, string name) => _values.TryGetValue((kind, name), out var v) ? v : TrackerValue.Unknown;

    /// <summary>Sets a value; returns the instances that track the object (empty when it is not tracked or did not change).</summary>
    public IReadOnlyList<string> Set(TrackerKind kind, string name, TrackerValue value)
    {
        if (!_values.TryGetValue((kind, name), out var old) || old == value)
        {
            return [];
        }

        _values[(kind, name)] = value;
        return [.. _instances.Where(p => p.Value.Refs.Any(r => r.Kind == kind && r.Name == name)).Select(p => p.Key)];
    }

    /// <summary>The instance's outcome now (null when it tracks nothing).</summary>
    public TrackingOutcome? Outcome(string instance)
    {
        if (!_instances.TryGetValue(instance, out var entry) || entry.Refs.Count == 0)
        {
            return null;
        }

        return PriorityCalculator.Compute(entry.Base, entry.Refs.Select(r => (r, Get(r.Kind, r.Name))));
    }

    /// <summary>The instance's weight-0 files and whether each now faults it.</summary>
    public IEnumerable<(string Name, bool Fault)> ZeroWeightFiles(string instance) =>
        _instances.TryGetValue(instance, out var entry)
            ? entry.Refs.Where(r => r.Kind == TrackerKind.File && r.Weight == 0).Select(r => (r.Name, Get(r.Kind, r.Name).Number != 0))
            : [];
}
