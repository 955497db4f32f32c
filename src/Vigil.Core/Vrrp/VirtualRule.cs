namespace Vigil.Vrrp;

/// <summary>One line of <c>virtual_rules</c>, carried as written (e.g. <c>from 192.0.2.0/24 table 1</c>).</summary>
/// <param name="Specification">The rule as configured.</param>
public sealed record VirtualRule(string Specification);
