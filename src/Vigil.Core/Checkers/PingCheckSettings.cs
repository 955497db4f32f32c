namespace Vigil.Checkers;

/// <summary><c>PING_CHECK</c>: an ICMP / ICMPv6 echo must be answered within connect_timeout.</summary>
public sealed record PingCheckSettings : CheckerSettings
{
    public override CheckerKind Kind => CheckerKind.Ping;
}
