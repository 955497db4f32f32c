using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Vigil.Checkers;

namespace Vigil.Linux.Checkers;

/// <summary>
/// Where and how a probe connects: <c>connect_ip</c>/<c>connect_port</c> (default the real server's),
/// <c>bindto</c>, <c>bind_port</c>, <c>bind_if</c> (SO_BINDTODEVICE, and the scope of a link-local
/// target) and <c>fwmark</c> (SO_MARK).
/// </summary>
public sealed record ProbeTarget(IPEndPoint Remote, IPAddress? BindTo = null, int? BindPort = null, string? BindInterface = null, uint? FwMark = null)
{
    public static ProbeTarget From(RealServerSettings server, CheckerSettings checker)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(checker);
        var address = checker.ConnectIp ?? server.Address;
        if (address.IsIPv6LinkLocal && address.ScopeId == 0 && checker.BindInterface is { } name && InterfaceIndex(name) is long index)
        {
            address = new IPAddress(address.GetAddressBytes(), index);
        }

        return new ProbeTarget(new IPEndPoint(address, checker.ConnectPort ?? server.Port), checker.BindTo, checker.BindPort, checker.BindInterface, checker.FwMark);
    }

    public AddressFamily Family => Remote.AddressFamily;

    /// <summary>keepalived's text for the target, <c>[192.0.2.10]:8080</c>.</summary>
    public override string ToString() => $"[{Remote.Address}]:{Remote.Port}";

    private static long? InterfaceIndex(string name)
    {
        foreach (var nic in NetworkInterface.GetAllNetworkInterfaces())
        {
            if (nic.Name == name && nic.Supports(NetworkInterfaceComponent.IPv6))
            {
                return nic.GetIPProperties().GetIPv6Properties().Index;
            }
        }

        return null;
    }
}
