using System.Collections.Immutable;
using System.Net;

namespace Vigil.Config.Model;

/// <summary><c>vrrp_iptables [IN [OUT]]</c>.</summary>
public sealed record IptablesConfig(string InChain, string? OutChain);
