using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;

namespace Vigil.Config.Model;

/// <summary><c>sorry_server ADDR [PORT]</c> with <c>sorry_server_inhibit</c> and <c>sorry_server_lvs_method</c>.</summary>
public sealed record SorryServerConfig(IPAddress Address, ushort Port)
{
    public bool Inhibit { get; init; }

    public LvsForwardingConfig Forwarding { get; init; } = LvsForwardingConfig.Nat;

    public SourceLocation Location { get; init; }
}
