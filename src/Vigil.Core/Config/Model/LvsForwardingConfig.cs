using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;

namespace Vigil.Config.Model;

/// <summary>Forwarding method plus tunnel options (<c>lvs_method TUN [type ipip|gue port N|gre] [nocsum|csum|remcsum]</c>).</summary>
public sealed record LvsForwardingConfig(LvsMethod Method)
{
    public TunnelType TunnelType { get; init; } = TunnelType.Ipip;

    public ushort TunnelPort { get; init; }

    public TunnelChecksum TunnelChecksum { get; init; } = TunnelChecksum.NoChecksum;

    public static LvsForwardingConfig Nat { get; } = new(LvsMethod.Nat);

    public override string ToString() => Method switch
    {
        LvsMethod.Nat => "NAT",
        LvsMethod.DirectRouting => "DR",
        _ => "TUN",
    };
}
