namespace Vigil.Vrrp;

/// <summary>Why a GARP / unsolicited NA burst is sent (reference §3.8).</summary>
public enum VrrpAnnounceReason
{
    /// <summary>On becoming master: <c>garp_master_repeat</c> per address.</summary>
    BecomeMaster,

    /// <summary><c>garp_master_delay</c> after becoming master: the second burst.</summary>
    MasterDelayed,

    /// <summary>A master received a lower-priority advert: <c>garp_lower_prio_repeat</c>.</summary>
    LowerPriority,

    /// <summary><c>garp_lower_prio_delay</c> after that: the second burst.</summary>
    LowerPriorityDelayed,

    /// <summary><c>garp_master_refresh</c>: periodic, <c>garp_master_refresh_repeat</c>.</summary>
    Refresh,
}
