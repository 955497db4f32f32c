using System.Net.Sockets;
using Vigil.Config.Model;
using Vigil.Lb;
using CheckerKey = Vigil.Checkers.VirtualServiceKey;
using LbKey = Vigil.Lb.VirtualServiceKey;

namespace Vigil.Runtime;

/// <summary>
/// The one place the three vocabularies of a service's identity meet: the configuration's
/// (<see cref="VirtualServerConfig"/>), the checkers' (<see cref="CheckerKey"/>, which also names groups) and the data
/// plane's (<see cref="LbKey"/>, what IPVS keys: one per address or fwmark).
/// </summary>
public static class LbKeyMap
{
    /// <summary>The checkers' key of a validated virtual server.</summary>
    public static CheckerKey CheckerKeyOf(VirtualServerConfig vs)
    {
        ArgumentNullException.ThrowIfNull(vs);
        var protocol = Transport(vs.Protocol);
        return vs.Kind switch
        {
            VirtualServerKind.FwMark => CheckerKey.ForFwMark(vs.FwMark ?? 0, protocol),
            VirtualServerKind.Group => CheckerKey.ForGroup(vs.GroupName!, vs.Port, protocol),
            _ => CheckerKey.ForAddress(vs.Address!, vs.Port, protocol),
        };
    }

    /// <summary>The data-plane key of an address or fwmark service; null for groups (see <see cref="VirtualServerGroup.Expand"/>).</summary>
    public static LbKey? LbKeyOf(CheckerKey key, AddressFamily fwMarkFamily)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Group is not null)
        {
            return null;
        }

        return key.Address is { } address
            ? LbKey.ForAddress(LbProtocolOf(key.Protocol), address, (ushort)key.Port)
            : LbKey.ForFwMark(key.FwMark, fwMarkFamily);
    }

    public static Checkers.TransportProtocol Transport(IpvsProtocol protocol) => protocol switch
    {
        IpvsProtocol.Tcp => Checkers.TransportProtocol.Tcp,
        IpvsProtocol.Udp => Checkers.TransportProtocol.Udp,
        IpvsProtocol.Sctp => Checkers.TransportProtocol.Sctp,
        _ => Checkers.TransportProtocol.None,
    };

    /// <summary>IPVS keeps a protocol on every address service; fwmark services carry none (TCP is a placeholder).</summary>
    public static LbProtocol LbProtocolOf(Checkers.TransportProtocol protocol) => protocol switch
    {
        Checkers.TransportProtocol.Udp => LbProtocol.Udp,
        Checkers.TransportProtocol.Sctp => LbProtocol.Sctp,
        _ => LbProtocol.Tcp,
    };
}
