using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;

namespace Vigil.Config.Model;

/// <summary>Checksum option of GUE/GRE tunnels.</summary>
public enum TunnelChecksum
{
    NoChecksum,
    Checksum,
    RemoteChecksum,
}
