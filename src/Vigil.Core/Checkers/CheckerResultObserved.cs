namespace Vigil.Checkers;

/// <summary>
/// A probe result worth logging: a failure while the checker is up (a retry), a result that changed the
/// checker, or any failure of a checker with <c>log_all_failures</c>. Routine successes are not reported.
/// </summary>
public sealed record CheckerResultObserved(
    VirtualServiceKey Service,
    RealServerKey Server,
    CheckerKind Kind,
    int Checker,
    ProbeResult Result,
    CheckerStep Step,
    bool CheckerUp) : CheckerEvent
{
    /// <summary>On a down transition the retries it took (keepalived's "failed after N retries."; none when the very first
    /// check failed); otherwise the checker's resolved <c>retry</c>.</summary>
    public int Retries { get; init; }

    /// <summary>The checker's first result since start.</summary>
    public bool IsFirstResult { get; init; }
}
