namespace Vigil.Checkers;

/// <summary>
/// One checker's probe (port; the Linux adapters implement it). Must finish within
/// <see cref="ProbeContext.Timeout"/>, honour cancellation, never throw for network or peer problems
/// (return a verdict) and never block a thread.
/// </summary>
public interface IHealthProbe
{
    ValueTask<ProbeResult> ProbeAsync(ProbeContext context, CancellationToken cancellationToken);
}
