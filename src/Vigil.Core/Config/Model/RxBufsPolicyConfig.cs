using System.Collections.Immutable;
using System.Net;

namespace Vigil.Config.Model;

/// <summary><c>vrrp_rx_bufs_policy MTU|ADVERT|NUMBER</c>.</summary>
public sealed record RxBufsPolicyConfig(RxBufsPolicyKind Kind, uint Size = 0);
