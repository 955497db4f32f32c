using System.Collections.Immutable;
using System.Net;

namespace Vigil.Config.Model;

/// <summary>How VRRP socket receive buffers are sized.</summary>
public enum RxBufsPolicyKind
{
    Mtu,
    Advert,
    Size,
}
