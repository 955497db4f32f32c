using System.Collections.Immutable;
using System.Net;
using System.Text.Json.Serialization;

namespace Vigil.Config.Model;

/// <summary><c>DNS_CHECK</c>: a query of <see cref="Type"/> for <see cref="Name"/> must be answered.</summary>
public sealed record DnsCheckConfig : CheckerConfig
{
    public override CheckerKind Kind => CheckerKind.DnsCheck;

    public string Type { get; init; } = "SOA";

    public string Name { get; init; } = ".";
}
