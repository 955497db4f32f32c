namespace Vigil.Vrrp.Packet;

/// <summary>VRRP protocol version (the high nibble of the first header byte).</summary>
public enum VrrpVersion : byte
{
    /// <summary>RFC 3768: whole-second intervals, optional authentication, IPv4 only by the RFC.</summary>
    V2 = 2,

    /// <summary>RFC 5798 / RFC 9568: centisecond intervals, no authentication, IPv4 and IPv6.</summary>
    V3 = 3,
}
