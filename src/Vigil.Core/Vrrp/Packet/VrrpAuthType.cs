namespace Vigil.Vrrp.Packet;

/// <summary>VRRPv2 authentication type (RFC 2338 §5.3.6, kept by keepalived for RFC 3768 packets).</summary>
public enum VrrpAuthType : byte
{
    /// <summary>No authentication; the 8 authentication bytes are zero.</summary>
    None = 0,

    /// <summary><c>auth_type PASS</c>: up to 8 bytes of clear text, zero padded.</summary>
    Pass = 1,

    /// <summary><c>auth_type AH</c>: IPsec AH (IP protocol 51). Not supported by Vigil; recognised only to name it.</summary>
    Ah = 2,
}
