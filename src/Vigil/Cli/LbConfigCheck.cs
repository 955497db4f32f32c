using Vigil.Config;
using Vigil.Config.Model;
using Vigil.Lb;
using Vigil.Linux.Nft;
using Vigil.Runtime;

namespace Vigil.Cli;

/// <summary>
/// <c>vigil -t</c> with <c>lvs_backend nftables</c> (or <c>--lvs-backend=nftables</c>): what the nftables data plane
/// would refuse, as configuration errors naming the virtual server, like keepalived's own configuration errors. With
/// <c>auto</c> the backend depends on the kernel the daemon runs on, so nothing is reported here; the daemon logs
/// each refused service at start.
/// </summary>
internal static class LbConfigCheck
{
    public static IReadOnlyList<ConfigDiagnostic> NftablesProblems(KeepalivedConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var plan = LbSettingsMapper.Map(config);
        var owner = new Dictionary<Lb.VirtualServiceKey, VirtualServerConfig>();
        foreach (var vs in config.VirtualServers)
        {
            var key = LbKeyMap.CheckerKeyOf(vs);
            foreach (var s in plan.Services.Where(p => p.Key.Equals(key)))
            {
                foreach (var k in s.Keys)
                {
                    owner.TryAdd(k, vs);
                }
            }
        }

        var state = new LbIntegrator(plan.Services).Build(plan.Checkers.Select(LbIntegrator.AllConfigured));
        var result = new List<ConfigDiagnostic>();
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in NftCapabilities.Check(state).Where(p => p.Severity == LbProblemSeverity.Error))
        {
            var vs = p.Service is { } k && owner.TryGetValue(k, out var v) ? v : null;
            var text = p.Destination is { } d ? $"real server {d}: {p.Message}" : p.Message;
            var message = vs is null ? text : $"Virtual server {vs}: {text}";
            if (reported.Add(message))
            {
                result.Add(new ConfigDiagnostic(DiagnosticSeverity.Error, vs?.Location, "lvs_backend", message));
            }
        }

        return result;
    }
}
