using Vigil.Config.Model;

namespace Vigil.Vrrp;

/// <summary>One entry of <c>virtual_rules</c> (or <c>static_rules</c>), as the configuration model parsed it.</summary>
/// <param name="Rule">The rule as configured.</param>
public sealed record VirtualRule(RuleConfig Rule);
