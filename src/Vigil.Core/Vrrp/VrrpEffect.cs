using System.Net;

namespace Vigil.Vrrp;

/// <summary>
/// Something the runner must do, or report, for an instance. Effects are carried out in list order, which follows
/// keepalived's (reference §3.8: on becoming master the advert goes first, then the addresses, then GARPs).
/// </summary>
internal abstract record VrrpEffect
{
    private VrrpEffect()
    {
    }

    /// <summary>The instance entered <paramref name="State"/> (logged "Entering … STATE").</summary>
    public sealed record Entered(VrrpState State, VrrpTransitionReason Reason) : VrrpEffect;

    /// <summary>Send one advert with this priority (0 = releasing).</summary>
    public sealed record SendAdvert(byte Priority) : VrrpEffect;

    /// <summary>Install VIPs, eVIPs, virtual routes and rules ("setting VIPs.").</summary>
    public sealed record AddVirtualAddresses : VrrpEffect;

    /// <summary>Remove them ("removing VIPs.").</summary>
    public sealed record RemoveVirtualAddresses : VrrpEffect;

    /// <summary>Queue <paramref name="Repeat"/> GARPs / unsolicited NAs for each VIP and eVIP.</summary>
    public sealed record Announce(VrrpAnnounceReason Reason, int Repeat) : VrrpEffect;

    /// <summary>Run notify scripts and write the notify FIFO.</summary>
    public sealed record Notify(VrrpNotifyState State, int Priority) : VrrpEffect;

    /// <summary>Held for a sync group: the instance wants <paramref name="State"/> and waits for the group's decision.</summary>
    public sealed record WantState(VrrpState State) : VrrpEffect;

    /// <summary>Observation: Master_Down_Timer fired ("Receive advertisement timeout").</summary>
    public sealed record ReceiveTimeout : VrrpEffect;

    /// <summary>Observation: a backup discarded a lower-priority advert so that it will preempt.</summary>
    public sealed record LowerPriorityDiscarded(IPAddress Peer, int Priority) : VrrpEffect;

    /// <summary>Observation: a backup got priority 0; Master_Down_Timer is now Skew_Time.</summary>
    public sealed record BackupPriorityZero : VrrpEffect;

    /// <summary>Observation: a master got priority 0 and answers with an advert.</summary>
    public sealed record MasterPriorityZero : VrrpEffect;

    /// <summary>Observation: a master yields to a higher priority.</summary>
    public sealed record MasterHigherPriority(IPAddress Peer, int Priority, int Ours) : VrrpEffect;

    /// <summary>Observation: a master yields to the same priority from a higher address.</summary>
    public sealed record MasterSamePriorityHigherAddress(IPAddress Peer, int Priority) : VrrpEffect;

    /// <summary>Observation: a master got a lower priority (or same priority from a lower address) and stays.</summary>
    public sealed record MasterLowerPriority(IPAddress Peer, int Priority, int Ours) : VrrpEffect;

    /// <summary>Observation: a master got an advert with its own priority and address (ignored).</summary>
    public sealed record ConflictingAdvert(IPAddress Peer) : VrrpEffect;

    /// <summary>Observation: a VRRPv3 backup adopted the master's advertisement interval.</summary>
    public sealed record IntervalLearned(TimeSpan Old, TimeSpan New) : VrrpEffect;

    /// <summary>Observation: the preempt delay started.</summary>
    public sealed record PreemptDelayStarted(TimeSpan Delay) : VrrpEffect;

    /// <summary>Observation: tracking changed the effective priority ("Changing effective priority from 150 to 90").</summary>
    public sealed record EffectivePriorityChanged(int Old, int New) : VrrpEffect;

    /// <summary>Observation: the instance starts in FAULT for these reasons.</summary>
    public sealed record InitialFault(VrrpFaultReasons Reasons) : VrrpEffect;
}
