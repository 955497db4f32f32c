namespace Vigil.Checkers;

/// <summary><c>ha_suspend</c>: the checkers of a service were paused (address gone) or resumed.</summary>
public sealed record CheckersSuspended(VirtualServiceKey Service, bool Suspended) : CheckerEvent;
