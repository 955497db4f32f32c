using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;

namespace Vigil.Config.Model;

/// <summary>IPVS forwarding method (<c>lvs_method</c>/<c>lb_kind</c>).</summary>
public enum LvsMethod
{
    Nat,
    DirectRouting,
    Tunnel,
}
