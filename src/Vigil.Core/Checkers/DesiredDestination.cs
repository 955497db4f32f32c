using System.Net;

namespace Vigil.Checkers;

/// <summary>
/// One destination the load balancer should have for a service: address, port, weight (0 = keep
/// but send nothing, keepalived's inhibit), forwarding method and connection thresholds.
/// </summary>
public sealed record DesiredDestination(
    IPAddress Address,
    int Port,
    int Weight,
    ForwardingSettings Forwarding,
    int UpperThreshold = 0,
    int LowerThreshold = 0,
    DestinationRole Role = DestinationRole.RealServer)
{
    public RealServerKey Key => new(Address, Port);
}
