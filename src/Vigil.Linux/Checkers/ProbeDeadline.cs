namespace Vigil.Linux.Checkers;

/// <summary>A probe's own deadline (its timeout on the injected clock) linked to the scheduler's token.</summary>
internal sealed class ProbeDeadline : IDisposable
{
    private readonly CancellationTokenSource _timeout;
    private readonly CancellationTokenSource _linked;

    public ProbeDeadline(TimeSpan timeout, TimeProvider time, CancellationToken outer)
    {
        _timeout = new CancellationTokenSource(timeout <= TimeSpan.Zero ? TimeSpan.FromMilliseconds(1) : timeout, time);
        _linked = CancellationTokenSource.CreateLinkedTokenSource(outer, _timeout.Token);
    }

    public CancellationToken Token => _linked.Token;

    public bool TimedOut => _timeout.IsCancellationRequested;

    public void Dispose()
    {
        _linked.Dispose();
        _timeout.Dispose();
    }
}
