using System.Collections.Immutable;
using System.Net;
using System.Text.Json.Serialization;

namespace Vigil.Config.Model;

/// <summary><c>TCP_CHECK</c>: success when a TCP connection completes.</summary>
public sealed record TcpCheckConfig : CheckerConfig
{
    public override CheckerKind Kind => CheckerKind.TcpCheck;
}
