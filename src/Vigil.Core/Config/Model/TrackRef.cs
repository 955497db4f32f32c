using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;

namespace Vigil.Config.Model;

/// <summary>
/// A reference from a VRRP instance or sync group to something it tracks (<c>track_interface</c>,
/// <c>track_script</c>, <c>track_file</c>, <c>track_process</c>, <c>track_bfd</c>). <see cref="Weight"/> is resolved:
/// when the reference gives none, the tracked object's own weight (0 for interfaces).
/// Weight 0 means "failure puts the instance in FAULT"; otherwise the weight adjusts the priority.
/// </summary>
public sealed record TrackRef(string Name, int Weight, bool Reverse, SourceLocation Location)
{
    /// <summary>True when the weight was written on the reference line itself.</summary>
    public bool WeightConfigured { get; init; }
}
