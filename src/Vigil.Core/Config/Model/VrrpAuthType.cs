using System.Collections.Immutable;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Vigil.Config.Model;

/// <summary>VRRPv2 authentication type (RFC 2338 §5.3.6).</summary>
public enum VrrpAuthType
{
    None = 0,
    Pass = 1,
    Ah = 2,
}
