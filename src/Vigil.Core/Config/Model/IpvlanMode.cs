using System.Collections.Immutable;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Vigil.Config.Model;

/// <summary>ipvlan L2 flag.</summary>
public enum IpvlanMode
{
    Bridge,
    Private,
    Vepa,
}
