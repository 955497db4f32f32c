namespace Vigil.Vrrp;

/// <summary>
/// What became of a received packet: one value per outcome, in keepalived's validation order
/// (keepalived <c>vrrp_check_packet</c>, reference §3.4). The three <c>Accepted*</c> values are accepted packets with
/// something worth counting.
/// </summary>
public enum VrrpVerdict : byte
{
    /// <summary>Valid; handed to the state machine (counted in <c>advert_rcvd</c>).</summary>
    Accepted,

    /// <summary>Address count differs from ours: <c>addr_list_err</c>, logged, still accepted (keepalived ≥ 2.3.3;
    /// 2.2.7 dropped it).</summary>
    AcceptedAddressCountMismatch,

    /// <summary>One of our VIPs is missing from the advert: <c>addr_list_err</c>, logged, still accepted.</summary>
    AcceptedAddressListMismatch,

    /// <summary>VRRPv3 Max Advertise Interval differs from ours: accepted, and a backup learns it (RFC 5798 §6.4.2).</summary>
    AcceptedIntervalMismatch,

    /// <summary>Shorter than the 8-byte header (keepalived: "IPv4 VRRP packet too short - N bytes").</summary>
    TooShort,

    /// <summary>No instance for this interface, family and VRID (silently ignored, as without <c>log_unknown_vrids</c>).</summary>
    UnknownVrid,

    /// <summary>The instance is in INIT or FAULT and ignores adverts.</summary>
    NotListening,

    /// <summary>Length is not header + count × address + [auth]: <c>packet_len_err</c>.</summary>
    BadLength,

    /// <summary>TTL / hop limit not 255 on multicast, or outside a peer's <c>min_ttl</c>/<c>max_ttl</c>: <c>ip_ttl_err</c>.</summary>
    BadTtl,

    /// <summary>Version differs from the instance's.</summary>
    BadVersion,

    /// <summary>VRRPv2 auth type not 0-2: <c>invalid_authtype</c>.</summary>
    InvalidAuthType,

    /// <summary>VRRPv2 auth type differs from ours: <c>authtype_mismatch</c>.</summary>
    AuthTypeMismatch,

    /// <summary>VRRPv2 PASS data differs: <c>auth_failure</c>.</summary>
    AuthFailure,

    /// <summary>VRRPv2 advertisement interval differs (RFC 3768 §7.1: discard): <c>advert_interval_err</c>.</summary>
    IntervalMismatch,

    /// <summary>Type is not ADVERTISEMENT (1): <c>invalid_type</c>.</summary>
    BadType,

    /// <summary>Checksum wrong: <c>checksum_err</c>.</summary>
    BadChecksum,

    /// <summary>A unicast instance got a multicast packet or the other way round.</summary>
    MulticastUnicastMismatch,

    /// <summary><c>check_unicast_src</c>: the source is not one of our <c>unicast_peer</c>s.</summary>
    UnicastSourceNotPeer,
}
