namespace Vigil.Vrrp.Tracking;

/// <summary>
/// One <c>track_*</c> line of an instance (or of its sync group): the object and how it moves the priority. The weight
/// is already resolved (the reference's own, else the object's; sync group members and address owners have 0 unless
/// <c>sync_group_tracking_weight</c>, as the configuration validator decides).
/// </summary>
/// <param name="Kind">Script, interface, file or process.</param>
/// <param name="Name">The object's name (for an interface, the interface name).</param>
/// <param name="Weight">0: failure means FAULT; otherwise the priority adjustment.</param>
/// <param name="Reverse">Reverse the direction of the adjustment.</param>
public sealed record TrackedReference(TrackerKind Kind, string Name, int Weight, bool Reverse = false);
