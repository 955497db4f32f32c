using System.Collections.Immutable;
using System.Net;
using System.Text.Json.Serialization;

namespace Vigil.Config.Model;

/// <summary><c>PING_CHECK</c>: ICMP echo.</summary>
public sealed record PingCheckConfig : CheckerConfig
{
    public override CheckerKind Kind => CheckerKind.PingCheck;
}
