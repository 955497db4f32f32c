namespace Vigil.Checkers;

/// <summary><c>DNS_CHECK</c>: a UDP query; up when the answer has our id, QR set and RCODE 0.</summary>
public sealed record DnsCheckSettings : CheckerSettings
{
    public override CheckerKind Kind => CheckerKind.Dns;

    /// <summary><c>type</c> (default SOA).</summary>
    public DnsQueryType Type { get; init; } = DnsQueryType.SOA;

    /// <summary><c>name</c> (default the root, <c>.</c>).</summary>
    public string Name { get; init; } = ".";
}
