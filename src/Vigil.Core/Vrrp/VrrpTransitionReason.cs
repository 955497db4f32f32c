namespace Vigil.Vrrp;

/// <summary>
/// Why a state change happened. The three ways of becoming master mirror VRRPv3-MIB (RFC 6527)
/// <c>vrrpv3StatisticsNewMasterReason</c>: priority, preempted, masterNoResponse.
/// </summary>
public enum VrrpTransitionReason
{
    /// <summary>No state change.</summary>
    None,

    /// <summary>INIT → BACKUP or FAULT at startup.</summary>
    Startup,

    /// <summary>Address owner (priority 255, <c>state MASTER</c>) taking over at once.</summary>
    AddressOwner,

    /// <summary>Master_Down_Timer expired without adverts (RFC 6527 masterNoResponse).</summary>
    MasterNoResponse,

    /// <summary>The master left with a priority-0 advert and we took over after Skew_Time (RFC 6527 priority).</summary>
    PriorityZero,

    /// <summary>We discarded a lower-priority master's adverts and took over (RFC 6527 preempted).</summary>
    Preempted,

    /// <summary>MASTER → BACKUP: an advert with higher priority, or equal priority from a higher address.</summary>
    HigherPriorityAdvert,

    /// <summary>A fault reason appeared.</summary>
    FaultRaised,

    /// <summary>The last fault reason cleared.</summary>
    FaultCleared,

    /// <summary>The sync group decided.</summary>
    SyncGroup,

    /// <summary>Stopped.</summary>
    Shutdown,
}
