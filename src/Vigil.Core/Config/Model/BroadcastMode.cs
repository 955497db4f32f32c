using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;

namespace Vigil.Config.Model;

/// <summary>How the broadcast address is set (<c>brd ADDR</c>, <c>brd +</c>, <c>brd -</c>).</summary>
public enum BroadcastMode
{
    None,
    Address,
    SetHostBits,
    ClearHostBits,
}
