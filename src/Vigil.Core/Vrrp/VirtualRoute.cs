using Vigil.Config.Model;

namespace Vigil.Vrrp;

/// <summary>
/// One entry of <c>virtual_routes</c> (or <c>static_routes</c>), as the configuration model parsed it. The VRRP engine
/// only decides when routes are added and removed; the rtnetlink adapter turns the record into RTM_NEWROUTE.
/// </summary>
/// <param name="Route">The route as configured.</param>
public sealed record VirtualRoute(RouteConfig Route);
