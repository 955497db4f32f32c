using Vigil.Checkers;
using Vigil.Testing;

namespace Vigil.Checkers.Tests;

/// <summary>Scripted probes: each real server port gets a behaviour; every call is recorded with its virtual time.</summary>
internal sealed class FakeProbes(ManualTimeProvider time) : IHealthProbeFactory
{
    private readonly Dictionary<(int Port, int Checker), Func<ProbeContext, CancellationToken, ValueTask<ProbeResult>>> _behaviours = [];

    public List<(TimeSpan At, int Port, int Checker, int Step)> Calls { get; } = [];

    public Func<ProbeContext, CancellationToken, ValueTask<ProbeResult>> Default { get; set; } = (_, _) => ValueTask.FromResult(ProbeResult.Ok);

    public void Set(int port, Func<ProbeResult> result, int checker = 0) =>
        _behaviours[(port, checker)] = (_, _) => ValueTask.FromResult(result());

    public void Set(int port, Func<ProbeContext, CancellationToken, ValueTask<ProbeResult>> behaviour, int checker = 0) =>
        _behaviours[(port, checker)] = behaviour;

    public IEnumerable<TimeSpan> CallsTo(int port, int checker = 0) => Calls.Where(c => c.Port == port && c.Checker == checker).Select(c => c.At);

    public IHealthProbe Create(VirtualServerSettings service, RealServerSettings server, CheckerSettings checker)
    {
        var index = server.Checkers.IndexOf(checker);
        return new Probe(this, server.Port, index);
    }

    private sealed class Probe(FakeProbes owner, int port, int checker) : IHealthProbe
    {
        public ValueTask<ProbeResult> ProbeAsync(ProbeContext context, CancellationToken cancellationToken)
        {
            lock (owner.Calls)
            {
                // Rounded to the millisecond: the scheduler converts through an odd timestamp frequency and
                // may fire up to one tick late, which is not what these tests are about.
                owner.Calls.Add((TimeSpan.FromMilliseconds(Math.Round(owner.Time.Elapsed.TotalMilliseconds)), port, checker, context.Step));
            }

            var b = owner._behaviours.TryGetValue((port, checker), out var f) ? f : owner.Default;
            return b(context, cancellationToken);
        }
    }

    private ManualTimeProvider Time { get; } = time;
}
