using Vigil.Lb;
using Vigil.Linux.Interop;

namespace Vigil.Linux.Ipvs;

/// <summary>
/// The IPVS data plane: reads the kernel table, diffs it against the desired one and applies the minimal
/// operations. It only touches services it manages (those desired now or earlier in this process), so
/// services someone added with ipvsadm stay, as with keepalived (which removes foreign ones only with
/// <c>lvs_flush</c>: <see cref="IpvsClient.Flush"/>).
/// </summary>
public sealed class IpvsBackend : ILbBackend
{
    private readonly IpvsClient _client;
    private readonly HashSet<VirtualServiceKey> _managed = [];

    public IpvsBackend(IpvsClient client) => _client = client ?? throw new ArgumentNullException(nameof(client));

    public string Name => "ipvs";

    public IpvsClient Client => _client;

    /// <summary>IPVS can program everything the model expresses; only invalid input is rejected.</summary>
    public IReadOnlyList<LbProblem> Check(LbState desired) =>
        LbValidation.Validate(desired).Where(p => p.Severity == LbProblemSeverity.Error).ToList();

    public LbApplyResult Apply(LbState desired)
    {
        ArgumentNullException.ThrowIfNull(desired);
        var rejected = Check(desired).Select(p => p.Service).OfType<VirtualServiceKey>().ToHashSet();
        var failures = new List<LbFailure>();
        foreach (var key in rejected)
        {
            failures.Add(new LbFailure(null, $"virtual server {key} not programmed: it has errors"));
        }

        var wanted = new LbState(desired.Services.Where(s => !rejected.Contains(s.Key)).ToList());
        LbState kernel;
        try
        {
            kernel = _client.GetServices();
        }
        catch (ErrnoException e)
        {
            return new LbApplyResult([], [.. failures, new LbFailure(null, e.Message)]);
        }

        foreach (var s in wanted.Services)
        {
            _managed.Add(s.Key);
        }

        // Services a rejected desired entry still has in the kernel are left as they are.
        var current = new LbState(kernel.Services.Where(s => _managed.Contains(s.Key) && !rejected.Contains(s.Key)).ToList());
        var result = _client.Apply(LbDiff.Compute(current, wanted));
        foreach (var op in result.Applied.OfType<LbOperation.DeleteService>())
        {
            _managed.Remove(op.Key);
        }

        return new LbApplyResult(result.Applied, [.. failures, .. result.Failed]);
    }

    public LbSnapshot Snapshot()
    {
        var info = _client.GetInfo();
        var state = _client.GetServices(out var counters);
        return new LbSnapshot(Name, $"IP Virtual Server version {info.VersionText} (size={info.ConnectionTableSize})", state, counters);
    }

    /// <summary>Deletes the services this backend manages (keepalived's behaviour on stop without lvs_flush_on_stop).</summary>
    public void Clear()
    {
        var kernel = _client.GetServices();
        var ops = kernel.Services.Where(s => _managed.Contains(s.Key)).Select(s => (LbOperation)new LbOperation.DeleteService(s.Key)).ToList();
        _client.Apply(ops);
        _managed.Clear();
    }

    public void Dispose() => _client.Dispose();
}
