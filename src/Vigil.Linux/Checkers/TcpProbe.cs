using Vigil.Checkers;

namespace Vigil.Linux.Checkers;

/// <summary><c>TCP_CHECK</c>: up when a TCP connection to the target completes within connect_timeout.</summary>
public sealed class TcpProbe(ProbeTarget target, TimeProvider time) : IHealthProbe
{
    public async ValueTask<ProbeResult> ProbeAsync(ProbeContext context, CancellationToken cancellationToken)
    {
        using var deadline = new ProbeDeadline(context.Timeout, time, cancellationToken);
        try
        {
            using var socket = await ProbeSockets.ConnectTcpAsync(target, deadline.Token).ConfigureAwait(false);
            return ProbeResult.Ok;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return ProbeSockets.FromException(e, deadline.TimedOut);
        }
    }
}
