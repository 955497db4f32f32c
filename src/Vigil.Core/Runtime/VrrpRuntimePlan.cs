using System.Collections.Immutable;
using Vigil.Vrrp;

namespace Vigil.Runtime;

/// <summary>What the VRRP runtime runs, mapped from a validated configuration.</summary>
/// <param name="Instances">One settings record per <c>vrrp_instance</c>, in configuration order.</param>
/// <param name="Unsupported">One operator line per configured feature the engine cannot do yet (logged once at start).</param>
public sealed record VrrpRuntimePlan(ImmutableArray<VrrpInstanceSettings> Instances, ImmutableArray<string> Unsupported)
{
    /// <summary>Tracked objects (vrrp_script, track_interface, track_file) and sync groups.</summary>
    public Vrrp.Tracking.VrrpTrackingPlan Tracking { get; init; } = Vrrp.Tracking.VrrpTrackingPlan.Empty;

    /// <summary><c>static_ipaddress</c>, each with its device (<c>default_interface</c> when none was given).</summary>
    public ImmutableArray<VirtualIpAddress> StaticAddresses { get; init; } = [];

    /// <summary><c>static_routes</c>.</summary>
    public ImmutableArray<VirtualRoute> StaticRoutes { get; init; } = [];

    /// <summary><c>static_rules</c>.</summary>
    public ImmutableArray<VirtualRule> StaticRules { get; init; } = [];
}
