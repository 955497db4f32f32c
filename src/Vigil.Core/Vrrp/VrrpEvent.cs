using System.Net;

namespace Vigil.Vrrp;

/// <summary>A stimulus for <see cref="VrrpInstance.Handle"/>. Timers, sockets and monitors only produce these.</summary>
internal abstract record VrrpEvent
{
    private VrrpEvent()
    {
    }

    /// <summary>Leave INIT.</summary>
    public sealed record Startup : VrrpEvent;

    /// <summary>A validated advert (only the fields the state machine needs; the address list stays in the packet).</summary>
    /// <param name="Source">IP source: the master's address, compared in the equal-priority tie-break.</param>
    /// <param name="Priority">Advertised priority.</param>
    /// <param name="AdvertisementInterval">Advertised interval (VRRPv3 backups adopt it).</param>
    public sealed record AdvertReceived(IPAddress Source, byte Priority, TimeSpan AdvertisementInterval) : VrrpEvent;

    /// <summary>The instance's earliest deadline has passed; every due timer is handled.</summary>
    public sealed record TimerElapsed : VrrpEvent;

    /// <summary>Effective priority computed by tracking (ignored by an address owner).</summary>
    public sealed record PriorityChanged(int EffectivePriority) : VrrpEvent;

    /// <summary>A fault reason appeared or cleared.</summary>
    public sealed record FaultChanged(VrrpFaultReasons Reason, bool Active) : VrrpEvent;

    /// <summary>The interface's primary address of our family changed (null: none).</summary>
    public sealed record SourceAddressChanged(IPAddress? Address) : VrrpEvent;

    /// <summary>The sync group's decision for a held-back member.</summary>
    public sealed record SyncGroupDecision(VrrpState Allowed) : VrrpEvent;

    /// <summary>Stop: a master sends priority 0 and releases its addresses (reference §3.7).</summary>
    public sealed record Shutdown : VrrpEvent;
}
