namespace Vigil.Checkers;

/// <summary>
/// A real server became alive (all its checkers up) or failed; <see cref="Kind"/> and <see cref="Cause"/>
/// name the checker and result that caused it (null for a FILE_CHECK value or at shutdown).
/// </summary>
public sealed record RealServerStateChanged(
    VirtualServiceKey Service,
    RealServerKey Server,
    bool Alive,
    CheckerKind? Kind,
    ProbeResult? Cause) : CheckerEvent;
