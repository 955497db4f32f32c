namespace Vigil.Checkers;

/// <summary><c>TCP_CHECK</c>: the server is up when a TCP connection completes.</summary>
public sealed record TcpCheckSettings : CheckerSettings
{
    public override CheckerKind Kind => CheckerKind.Tcp;
}
