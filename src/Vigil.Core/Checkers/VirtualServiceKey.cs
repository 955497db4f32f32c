using System.Net;

namespace Vigil.Checkers;

/// <summary>
/// Identity of a keepalived <c>virtual_server</c>: an address and port (<c>virtual_server 192.0.2.1 80</c>),
/// a firewall mark (<c>virtual_server fwmark 7</c>) or a group (<c>virtual_server group NAME</c>). It names the
/// service in events and FIFO lines and keys the desired state handed to the data plane.
/// </summary>
public sealed record VirtualServiceKey
{
    private VirtualServiceKey(IPAddress? address, int port, uint fwMark, string? group, TransportProtocol protocol)
    {
        Address = address;
        Port = port;
        FwMark = fwMark;
        Group = group;
        Protocol = protocol;
    }

    /// <summary>The virtual address; null for fwmark and group services.</summary>
    public IPAddress? Address { get; }

    public int Port { get; }

    /// <summary>The firewall mark of a <c>virtual_server fwmark N</c>; 0 otherwise.</summary>
    public uint FwMark { get; }

    /// <summary>The <c>virtual_server_group</c> name of a <c>virtual_server group NAME</c>; null otherwise.</summary>
    public string? Group { get; }

    public TransportProtocol Protocol { get; }

    public static VirtualServiceKey ForAddress(IPAddress address, int port, TransportProtocol protocol = TransportProtocol.Tcp)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        return new VirtualServiceKey(address, port, 0, null, protocol);
    }

    public static VirtualServiceKey ForFwMark(uint fwMark, TransportProtocol protocol = TransportProtocol.None) =>
        new(null, 0, fwMark, null, protocol);

    public static VirtualServiceKey ForGroup(string group, int port = 0, TransportProtocol protocol = TransportProtocol.Tcp)
    {
        ArgumentException.ThrowIfNullOrEmpty(group);
        return new VirtualServiceKey(null, port, 0, group, protocol);
    }

    /// <summary>keepalived's text for the service: <c>[192.0.2.1]:tcp:80</c>, <c>FWM 7</c> or <c>[NAME]:80</c>.</summary>
    public override string ToString() => EndpointText.VirtualService(this);
}
