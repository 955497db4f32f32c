using System.Collections.Immutable;
using System.Net;

namespace Vigil.Config.Model;

/// <summary>A netlink socket receive buffer size (<c>*_rcv_bufs</c>) and whether to force it (<c>*_rcv_bufs_force</c>).</summary>
public sealed record NetlinkBufferConfig
{
    public uint? Bytes { get; init; }

    public bool Force { get; init; }
}
