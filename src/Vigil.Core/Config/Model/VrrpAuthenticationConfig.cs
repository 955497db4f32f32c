using System.Collections.Immutable;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Vigil.Config.Model;

/// <summary><c>authentication { auth_type PASS|AH; auth_pass X }</c> (VRRPv2 only; password truncated to 8 characters).</summary>
public sealed record VrrpAuthenticationConfig(VrrpAuthType Type, string Password);
