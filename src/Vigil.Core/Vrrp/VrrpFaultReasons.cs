namespace Vigil.Vrrp;

/// <summary>Why an instance is held in FAULT. FAULT lasts while any reason is set.</summary>
[Flags]
public enum VrrpFaultReasons
{
    /// <summary>No fault.</summary>
    None = 0,

    /// <summary>The instance's interface is down (keepalived: "entering FAULT state (interface eth0 down)").</summary>
    InterfaceDown = 1,

    /// <summary>No source address: the interface has no address of the instance's family and none is configured.</summary>
    NoSourceAddress = 2,

    /// <summary>A weight-0 tracker (script, interface, file, process, BFD) failed.</summary>
    TrackerFailed = 4,

    /// <summary>Another member of the instance's sync group is in FAULT.</summary>
    SyncGroupFault = 8,

    /// <summary><c>unicast_fault_no_peer</c> with no peers.</summary>
    NoUnicastPeer = 16,

    /// <summary>The VRRP socket for the instance's interface could not be opened or failed (the runtime retries).</summary>
    SocketError = 32,

    /// <summary>A weight-0 tracker (script) has no result yet: keepalived leaves the instance in INIT until it has.</summary>
    TrackerPending = 64,

    /// <summary>The configured <c>unicast_src_ip</c> (or, with <c>track_src_ip</c>, <c>mcast_src_ip</c>) is not an address
    /// of this host (keepalived: "entering FAULT state (src address not configured)").</summary>
    SourceAddressMissing = 128,
}
