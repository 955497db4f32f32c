namespace Vigil.Vrrp;

/// <summary>
/// keepalived's <c>old_unicast_checksum [never]</c>: keepalived up to 1.3.6 computed the VRRPv3/IPv4 pseudo-header of
/// unicast adverts with 224.0.0.18 as the destination.
/// </summary>
public enum VrrpOldUnicastChecksum
{
    /// <summary>Default: send the current checksum; if a received unicast v3 advert only verifies the old way, accept
    /// it and switch this instance to the old algorithm.</summary>
    Auto,

    /// <summary><c>old_unicast_checksum</c>: always send the old checksum.</summary>
    Always,

    /// <summary><c>old_unicast_checksum never</c>: no detection, current algorithm only.</summary>
    Never,
}
