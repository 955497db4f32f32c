using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;

namespace Vigil.Config.Model;

/// <summary><c>vrrp_sync_group NAME</c>: instances that change state together.</summary>
public sealed record VrrpSyncGroupConfig
{
    public required string Name { get; init; }

    /// <summary>Member instance names (only existing instances remain after validation).</summary>
    public ImmutableArray<string> Instances { get; init; } = [];

    public ImmutableArray<TrackRef> TrackInterfaces { get; init; } = [];

    public ImmutableArray<TrackRef> TrackScripts { get; init; } = [];

    public ImmutableArray<TrackRef> TrackFiles { get; init; } = [];

    public ImmutableArray<TrackRef> TrackProcesses { get; init; } = [];

    public ImmutableArray<TrackRef> TrackBfds { get; init; } = [];

    public VrrpNotifyScripts Notify { get; init; } = new();

    public bool NotifyPriorityChanges { get; init; }

    public bool SmtpAlert { get; init; }

    /// <summary>Deprecated <c>global_tracking</c>.</summary>
    public bool GlobalTracking { get; init; }

    public bool SyncGroupTrackingWeight { get; init; }

    public SourceLocation Location { get; init; }
}
