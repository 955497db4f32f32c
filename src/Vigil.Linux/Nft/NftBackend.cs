using System.Text;
using System.Text.Json;
using Vigil.Lb;

namespace Vigil.Linux.Nft;

/// <summary>
/// The nftables data plane for kernels without IPVS: NAT-mode services as DNAT in its own table, programmed
/// in-process through libnftables. Every <see cref="Apply"/> is one atomic transaction over the services
/// that changed; if the kernel refuses it, each service is retried in its own transaction so one bad
/// service cannot block the others. The table is replaced on the first apply and deleted by
/// <see cref="Clear"/>. Call it from the thread (network namespace) it should program.
/// </summary>
public sealed class NftBackend : ILbBackend
{
    private readonly NftRuleset _ruleset;
    private LbState _programmed = LbState.Empty;
    private bool _bootstrapped;

    private NftBackend(NftRuleset ruleset) => _ruleset = ruleset;

    public string Name => "nftables";

    /// <summary>The table's name (family inet).</summary>
    public string Table => _ruleset.Table;

    /// <summary>What was programmed by the last successful transactions.</summary>
    public LbState Programmed => _programmed;

    /// <summary>
    /// A backend for table <paramref name="table"/>, or null with the reason when libnftables cannot be
    /// loaded. <paramref name="masquerade"/> source-NATs connections to the real servers so their replies
    /// come back through the director even when it is not their gateway (real servers then see the
    /// director's address instead of the client's).
    /// </summary>
    public static NftBackend? TryCreate(out string? unavailableReason, string table = "vigil_lb", bool masquerade = false)
    {
        if (!NftContext.IsAvailable(out unavailableReason))
        {
            return null;
        }

        return new NftBackend(new NftRuleset(table, masquerade));
    }

    public IReadOnlyList<LbProblem> Check(LbState desired) => NftCapabilities.Check(desired);

    public LbApplyResult Apply(LbState desired)
    {
        ArgumentNullException.ThrowIfNull(desired);
        var problems = Check(desired);
        var rejected = problems.Where(p => p.Service is not null).Select(p => p.Service!).ToHashSet();
        var failures = problems.Select(p => new LbFailure(null, p.ToString())).ToList();

        // A rejected service that was programmed before stays as it was (like IPVS with a bad edit).
        var wanted = new LbState(desired.Services
            .Where(s => !rejected.Contains(s.Key))
            .Concat(_programmed.Services.Where(s => rejected.Contains(s.Key)))
            .GroupBy(s => s.Key).Select(g => g.Last()).ToList());

        if (_bootstrapped && !NftContext.Run($"list table inet {Table}").Succeeded)
        {
            // Someone removed the table (nft flush ruleset, a firewall reload): rebuild everything.
            _bootstrapped = false;
        }

        if (!_bootstrapped)
        {
            _ruleset.Reset();
            var boot = NftContext.Run(_ruleset.Bootstrap());
            if (!boot.Succeeded)
            {
                failures.Add(new LbFailure(null, $"nftables: cannot create table inet {Table}: {boot.Error}"));
                return new LbApplyResult([], failures);
            }

            _bootstrapped = true;
            _programmed = LbState.Empty;
        }

        var ops = LbDiff.Compute(_programmed, wanted);
        var changed = ops.Select(KeyOf).Distinct().ToList();
        if (changed.Count == 0)
        {
            return new LbApplyResult([], failures);
        }

        var script = new StringBuilder();
        foreach (var key in changed)
        {
            script.Append(_ruleset.ServiceChange(_programmed.Find(key), wanted.Find(key)));
        }

        script.Append(_ruleset.MasqueradeSets(wanted));
        var all = NftContext.Run(script.ToString());
        if (all.Succeeded)
        {
            Commit(wanted, changed);
            return new LbApplyResult(ops, failures);
        }

        // One transaction per service: find the one the kernel refuses, program the rest.
        var applied = new List<LbOperation>();
        foreach (var key in changed)
        {
            var next = Replace(_programmed, key, wanted.Find(key));
            var result = NftContext.Run(_ruleset.ServiceChange(_programmed.Find(key), wanted.Find(key)) + _ruleset.MasqueradeSets(next));
            var serviceOps = ops.Where(o => KeyOf(o).Equals(key)).ToList();
            if (result.Succeeded)
            {
                Commit(next, [key]);
                applied.AddRange(serviceOps);
            }
            else
            {
                failures.AddRange(serviceOps.Select(o => new LbFailure(o, $"nftables: {result.Error}")));
            }
        }

        return new LbApplyResult(applied, failures);
    }

    public LbSnapshot Snapshot()
    {
        var counters = new Dictionary<(VirtualServiceKey, DestinationKey), DestinationCounters>();
        var chains = new Dictionary<string, (VirtualServiceKey, DestinationKey)>(StringComparer.Ordinal);
        foreach (var s in _programmed.Services)
        {
            foreach (var d in s.Destinations)
            {
                if (_ruleset.DestinationChain(s.Key, d.Key) is string chain)
                {
                    chains[chain] = (s.Key, d.Key);
                    counters[(s.Key, d.Key)] = DestinationCounters.Zero;
                }
            }
        }

        var header = $"nftables load balancer (table inet {Table})";
        var listing = NftContext.Run($"list table inet {Table}", json: true);
        if (!listing.Succeeded)
        {
            return new LbSnapshot(Name, header + ": table missing", _programmed, counters);
        }

        foreach (var (chain, packets, bytes) in RuleCounters(listing.Output))
        {
            if (chains.TryGetValue(chain, out var at))
            {
                var c = counters[at];
                counters[at] = c with { Connections = c.Connections + packets, InPackets = c.InPackets + packets, InBytes = c.InBytes + bytes };
            }
        }

        return new LbSnapshot(Name, header, _programmed, counters);
    }

    public void Clear()
    {
        NftContext.Run(_ruleset.Teardown());
        _ruleset.Reset();
        _programmed = LbState.Empty;
        _bootstrapped = false;
    }

    public void Dispose()
    {
    }

    /// <summary>(chain, packets, bytes) of every rule counter in a <c>nft -j list table</c> output.</summary>
    internal static IEnumerable<(string Chain, ulong Packets, ulong Bytes)> RuleCounters(string json)
    {
        var result = new List<(string, ulong, ulong)>();
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            return result;
        }

        using (doc)
        {
            if (!doc.RootElement.TryGetProperty("nftables", out var items) || items.ValueKind != JsonValueKind.Array)
            {
                return result;
            }

            foreach (var item in items.EnumerateArray())
            {
                if (!item.TryGetProperty("rule", out var rule) || !rule.TryGetProperty("chain", out var chain) ||
                    !rule.TryGetProperty("expr", out var exprs) || exprs.ValueKind != JsonValueKind.Array)
                {
                    continue;
                }

                foreach (var expr in exprs.EnumerateArray())
                {
                    if (expr.ValueKind == JsonValueKind.Object && expr.TryGetProperty("counter", out var counter) &&
                        counter.ValueKind == JsonValueKind.Object &&
                        counter.TryGetProperty("packets", out var p) && p.TryGetUInt64(out var packets) &&
                        counter.TryGetProperty("bytes", out var b) && b.TryGetUInt64(out var bytes))
                    {
                        result.Add((chain.GetString() ?? "", packets, bytes));
                    }
                }
            }
        }

        return result;
    }

    private void Commit(LbState next, IEnumerable<VirtualServiceKey> changed)
    {
        foreach (var key in changed)
        {
            if (next.Find(key) is VirtualService s)
            {
                _ruleset.Prune(s);
            }
            else
            {
                _ruleset.Forget(key);
            }
        }

        _programmed = next;
    }

    private static LbState Replace(LbState state, VirtualServiceKey key, VirtualService? service)
    {
        var list = state.Services.Where(s => !s.Key.Equals(key)).ToList();
        if (service is not null)
        {
            list.Add(service);
        }

        return new LbState(list);
    }

    private static VirtualServiceKey KeyOf(LbOperation op) => op switch
    {
        LbOperation.AddService a => a.Service.Key,
        LbOperation.EditService e => e.Service.Key,
        LbOperation.DeleteService d => d.Key,
        LbOperation.AddDestination a => a.Service,
        LbOperation.EditDestination e => e.Service,
        LbOperation.DeleteDestination d => d.Service,
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };
}
