namespace Vigil.Vrrp;

/// <summary>
/// One line of <c>virtual_routes</c>, carried as written (e.g. <c>192.0.2.0/24 via 198.51.100.1 dev eth1</c>). The VRRP
/// engine only decides when routes are added and removed; parsing them belongs to the configuration model and the
/// rtnetlink adapter.
/// </summary>
/// <param name="Specification">The route as configured.</param>
public sealed record VirtualRoute(string Specification);
