using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;

namespace Vigil.Config.Model;

/// <summary>Encapsulation of the TUN method.</summary>
public enum TunnelType
{
    Ipip,
    Gue,
    Gre,
}
