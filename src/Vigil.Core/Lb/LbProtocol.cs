namespace Vigil.Lb;

/// <summary>
/// Layer-4 protocol of a virtual service (keepalived <c>protocol TCP|UDP|SCTP</c>). Values are the IP
/// protocol numbers IPVS stores in IPVS_SVC_ATTR_PROTOCOL.
/// </summary>
public enum LbProtocol
{
    Tcp = 6,
    Udp = 17,
    Sctp = 132,
}
