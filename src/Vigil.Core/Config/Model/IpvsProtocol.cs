using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;

namespace Vigil.Config.Model;

/// <summary>L4 protocol of a virtual service.</summary>
public enum IpvsProtocol
{
    /// <summary>No protocol (fwmark services).</summary>
    None = 0,
    Tcp = 6,
    Udp = 17,
    Sctp = 132,
}
