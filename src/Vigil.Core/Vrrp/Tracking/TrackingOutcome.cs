namespace Vigil.Vrrp.Tracking;

/// <summary>What tracking makes of an instance.</summary>
/// <param name="Priority">Effective priority: clamp(base + Σ contributions, 1, 254); the base for an address owner (255).</param>
/// <param name="Fault">A weight-0 tracker is down (or a file's contribution fell below −253): FAULT.</param>
/// <param name="Pending">A weight-0 script has not produced a result yet: keepalived leaves the instance in INIT.</param>
public readonly record struct TrackingOutcome(int Priority, bool Fault, bool Pending);
