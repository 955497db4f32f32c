using System.Collections.Immutable;

namespace Vigil.Vrrp.Tracking;

/// <summary>Tracking and sync groups for a <see cref="Engine.VrrpEngine"/>.</summary>
public sealed record VrrpTrackingPlan
{
    /// <summary>An empty plan: nothing tracked, no groups.</summary>
    public static VrrpTrackingPlan Empty { get; } = new();

    /// <summary>The <c>vrrp_script</c>s some instance tracks.</summary>
    public ImmutableArray<VrrpScriptSettings> Scripts { get; init; } = [];

    /// <summary>Instance name → what it tracks (its own references plus its sync group's).</summary>
    public ImmutableDictionary<string, ImmutableArray<TrackedReference>> Tracked { get; init; } =
        ImmutableDictionary<string, ImmutableArray<TrackedReference>>.Empty.WithComparers(StringComparer.Ordinal);

    /// <summary>track_file name → path.</summary>
    public ImmutableDictionary<string, string> Files { get; init; } =
        ImmutableDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal);

    /// <summary>The <c>vrrp_track_process</c>es some instance tracks.</summary>
    public ImmutableArray<VrrpTrackProcessSettings> Processes { get; init; } = [];

    /// <summary>The sync groups.</summary>
    public ImmutableArray<VrrpSyncGroupSettings> SyncGroups { get; init; } = [];

    /// <summary>Every interface some instance tracks.</summary>
    public IEnumerable<string> TrackedInterfaces =>
        Tracked.Values.SelectMany(r => r).Where(r => r.Kind == TrackerKind.Interface).Select(r => r.Name).Distinct(StringComparer.Ordinal);
}
