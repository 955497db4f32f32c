using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;

namespace Vigil.Config.Model;

/// <summary>
/// One entry of a virtual server group: an address range <see cref="First"/>..<see cref="Last"/> (a single address has
/// First == Last; <c>A.B.C.D-E</c> and <c>A/nn</c> forms are normalised to ranges) with an optional port, or a fwmark.
/// </summary>
public sealed record VirtualServerGroupEntry
{
    public IPAddress? First { get; init; }

    public IPAddress? Last { get; init; }

    public ushort Port { get; init; }

    public uint? FwMark { get; init; }

    /// <summary>For fwmarks: <c>inet</c>/<c>inet6</c> if given.</summary>
    public AddressFamily? Family { get; init; }

    public SourceLocation Location { get; init; }

    public bool IsFwMark => FwMark is not null;
}
