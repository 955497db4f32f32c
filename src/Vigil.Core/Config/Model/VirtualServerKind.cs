using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;

namespace Vigil.Config.Model;

/// <summary>How a virtual server is identified.</summary>
public enum VirtualServerKind
{
    /// <summary><c>virtual_server ADDR [PORT]</c>.</summary>
    Address,

    /// <summary><c>virtual_server fwmark N</c>.</summary>
    FwMark,

    /// <summary><c>virtual_server group NAME</c>.</summary>
    Group,
}
