using System.Net;

namespace Vigil.Vrrp;

/// <summary>An instance as seen from outside the engine (status output, JSON dumps, tests).</summary>
public sealed record VrrpInstanceStatus
{
    /// <summary><c>vrrp_instance</c> name.</summary>
    public required string Name { get; init; }

    /// <summary>Current state.</summary>
    public required VrrpState State { get; init; }

    /// <summary>keepalived's <c>wantstate</c>: what the instance would be on its own (differs while a sync group holds it).</summary>
    public required VrrpState WantedState { get; init; }

    /// <summary>Why it entered <see cref="State"/>.</summary>
    public required VrrpTransitionReason LastReason { get; init; }

    /// <summary>Configured priority.</summary>
    public required int BasePriority { get; init; }

    /// <summary>Priority it advertises.</summary>
    public required int EffectivePriority { get; init; }

    /// <summary>What holds it in FAULT.</summary>
    public required VrrpFaultReasons FaultReasons { get; init; }

    /// <summary>Address of the current master (ours when MASTER), if known.</summary>
    public IPAddress? MasterAddress { get; init; }

    /// <summary>Master_Adver_Interval.</summary>
    public required TimeSpan MasterAdverInterval { get; init; }

    /// <summary>Counters.</summary>
    public required VrrpStatistics Statistics { get; init; }
}
