namespace Vigil.Checkers;

/// <summary>
/// The layer-4 protocol of a virtual service (keepalived <c>protocol TCP|UDP|SCTP</c>). A fwmark service
/// without a <c>protocol</c> line has none, which keepalived prints as <c>none</c> in its FIFO lines.
/// </summary>
public enum TransportProtocol
{
    None = 0,
    Tcp,
    Udp,
    Sctp,
}
