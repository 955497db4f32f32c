using Vigil.Lb;

namespace Vigil.Linux.Nft;

/// <summary>
/// What the nftables backend can express. nftables NAT decides once per connection (conntrack keeps the
/// mapping), with stateless picks: a counter (<c>numgen inc</c>) or a hash (<c>jhash</c>). It has no view
/// of per-server connection counts and cannot forward without rewriting the destination, so everything
/// that needs either is refused here, by name, instead of being approximated silently.
/// </summary>
public static class NftCapabilities
{
    /// <summary>Schedulers nftables can reproduce: rr and wrr (numgen), sh and dh (jhash), fo (highest weight).</summary>
    public static IReadOnlyList<string> Schedulers { get; } = ["rr", "wrr", "sh", "dh", "fo"];

    public static IReadOnlyList<LbProblem> Check(LbState desired)
    {
        ArgumentNullException.ThrowIfNull(desired);
        var problems = LbValidation.Validate(desired).Where(p => p.Severity == LbProblemSeverity.Error).ToList();
        foreach (var s in desired.Services)
        {
            void Refuse(string message, DestinationKey? d = null) =>
                problems.Add(new LbProblem(LbProblemSeverity.Error, s.Key, d, "nftables backend: " + message));

            if (!Schedulers.Contains(s.Scheduler))
            {
                Refuse($"scheduler {s.Scheduler} needs per-server connection state that only IPVS keeps; nftables can do {string.Join(", ", Schedulers)} (or use lvs_backend ipvs)");
            }

            var allowedFlags = s.Scheduler is "sh" ? SchedulerFlagNames.Fallback | SchedulerFlagNames.Port : SchedulerFlags.None;
            if ((s.SchedulerFlags & ~allowedFlags) != 0)
            {
                Refuse($"scheduler flags {SchedulerFlagNames.Describe(s.Scheduler, s.SchedulerFlags & ~allowedFlags)} cannot be expressed with nftables");
            }

            if (s.OnePacket)
            {
                Refuse("ops (one-packet scheduling) needs IPVS; nftables NAT schedules per connection");
            }

            if (!string.IsNullOrEmpty(s.PersistenceEngine))
            {
                Refuse($"persistence_engine {s.PersistenceEngine} needs IPVS");
            }

            foreach (var d in s.Destinations)
            {
                if (d.Method is LvsMethod.Dr or LvsMethod.Tun)
                {
                    Refuse($"lvs_method {(d.Method == LvsMethod.Dr ? "DR" : "TUN")} needs IPVS; nftables can only forward by NAT (DNAT)", d.Key);
                }

                if (d.UpperThreshold != 0 || d.LowerThreshold != 0)
                {
                    Refuse("uthreshold/lthreshold need per-server connection counts that only IPVS keeps", d.Key);
                }
            }

            if (s.Key.IsFwMark)
            {
                var ported = s.Destinations.Count(d => d.Port != 0);
                if (ported != 0 && ported != s.Destinations.Count)
                {
                    Refuse("a fwmark service's real servers must all have a port or all have none with nftables");
                }
            }
        }

        return problems;
    }
}
