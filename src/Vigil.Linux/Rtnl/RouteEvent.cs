namespace Vigil.Linux.Rtnl;

/// <summary>RTM_NEWROUTE (<see cref="Added"/>) or RTM_DELROUTE.</summary>
public sealed record RouteEvent(bool Added, RouteEntry Route) : RtnlEvent;
