using System.Collections.Immutable;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Vigil.Config.Model;

/// <summary><c>use_ipvlan [NAME] [ADDR[/PLEN]] [bridge|private|vepa]</c>.</summary>
public sealed record IpvlanConfig
{
    public string? InterfaceName { get; init; }

    public IPAddress? Address { get; init; }

    public int? PrefixLength { get; init; }

    public IpvlanMode Mode { get; init; } = IpvlanMode.Bridge;
}
