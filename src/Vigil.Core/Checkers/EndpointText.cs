using System.Globalization;
using System.Net;

namespace Vigil.Checkers;

/// <summary>
/// keepalived's textual forms of services and servers, as they appear in its checker FIFO lines, SMTP
/// alerts and logs (observed with keepalived 2.2.7): <c>[192.0.2.10]:tcp:8080</c>,
/// <c>[2001:db8::10]:udp:53</c>, <c>FWM 7</c>; a real server of a fwmark service without a protocol
/// prints as <c>[192.0.2.10]:none:0</c>. Addresses are always bracketed, IPv4 too.
/// </summary>
public static class EndpointText
{
    public static string Protocol(TransportProtocol protocol) => protocol switch
    {
        TransportProtocol.Tcp => "tcp",
        TransportProtocol.Udp => "udp",
        TransportProtocol.Sctp => "sctp",
        _ => "none",
    };

    /// <summary><c>[ADDR]:proto:port</c>.</summary>
    public static string Endpoint(IPAddress address, TransportProtocol protocol, int port) =>
        string.Create(CultureInfo.InvariantCulture, $"[{address}]:{Protocol(protocol)}:{port}");

    public static string VirtualService(VirtualServiceKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Group is not null)
        {
            return string.Create(CultureInfo.InvariantCulture, $"[{key.Group}]:{key.Port}");
        }

        if (key.Address is null)
        {
            return string.Create(CultureInfo.InvariantCulture, $"FWM {key.FwMark}");
        }

        return Endpoint(key.Address, key.Protocol, key.Port);
    }

    /// <summary>A real server as keepalived prints it: its address and port with the service's protocol.</summary>
    public static string RealServer(VirtualServiceKey service, RealServerKey server)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(server);
        return Endpoint(server.Address, service.Protocol, server.Port);
    }
}
