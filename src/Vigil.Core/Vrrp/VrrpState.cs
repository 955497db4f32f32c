namespace Vigil.Vrrp;

/// <summary>VRRP instance state (RFC 5798 §6.4 plus keepalived's FAULT).</summary>
public enum VrrpState
{
    /// <summary>Not started, or stopped.</summary>
    Init,

    /// <summary>Watching the master; takes over when Master_Down_Timer fires.</summary>
    Backup,

    /// <summary>Owns the virtual addresses and advertises.</summary>
    Master,

    /// <summary>keepalived extension: cannot work (interface down, no source address, failed tracker, …); neither
    /// sends nor listens.</summary>
    Fault,
}
