using System.Net;

namespace Vigil.Checkers;

/// <summary><c>sorry_server ADDR [PORT]</c> with <c>sorry_server_lvs_method</c> (null = the service's method).</summary>
public sealed record SorryServerSettings(IPAddress Address, int Port, ForwardingSettings? Forwarding = null)
{
    public RealServerKey Key => new(Address, Port);
}
