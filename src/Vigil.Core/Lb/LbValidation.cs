using System.Net.Sockets;

namespace Vigil.Lb;

/// <summary>
/// Checks a desired table against what IPVS accepts (linux/ip_vs.h, observed kernel answers), before
/// anything is sent: every problem is reported, none stops the others.
/// </summary>
public static class LbValidation
{
    /// <summary>IP_VS_SCHEDNAME_MAXLEN / IP_VS_PENAME_MAXLEN include the NUL.</summary>
    public const int MaxNameLength = 15;

    public static IReadOnlyList<LbProblem> Validate(LbState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var problems = new List<LbProblem>();
        var seen = new HashSet<VirtualServiceKey>();
        foreach (var s in state.Services)
        {
            var key = s.Key;
            if (!seen.Add(key))
            {
                problems.Add(new(LbProblemSeverity.Error, key, null, "defined more than once"));
            }

            if (!LvsScheduler.IsKnown(s.Scheduler))
            {
                problems.Add(new(LbProblemSeverity.Error, key, null,
                    $"unknown scheduler '{s.Scheduler}' (one of {string.Join(' ', LvsScheduler.All)})"));
            }

            if (s.PersistenceGranularity is int g && (g < (key.Family == AddressFamily.InterNetworkV6 ? 1 : 0) || g > s.FullPrefixLength))
            {
                problems.Add(new(LbProblemSeverity.Error, key, null,
                    $"persistence_granularity /{g} is out of range for {(key.Family == AddressFamily.InterNetworkV6 ? "IPv6 (1-128)" : "IPv4 (0-32)")}"));
            }

            if (s.PersistenceEngine is { Length: > 0 } pe && pe != "sip")
            {
                problems.Add(new(LbProblemSeverity.Error, key, null, $"unknown persistence_engine '{pe}' (only sip exists)"));
            }

            if (s.OnePacket && !key.IsFwMark && key.Protocol != LbProtocol.Udp)
            {
                problems.Add(new(LbProblemSeverity.Warning, key, null, "ops (one-packet scheduling) only makes sense for UDP"));
            }

            // keepalived 2.2.7 (observed in the IPVS lane): "zero port only valid for persistent services -
            // setting", and it makes the service persistent (360 s). The integrator should do the same.
            if (!key.IsFwMark && key.Port == 0 && !s.IsPersistent)
            {
                problems.Add(new(LbProblemSeverity.Warning, key, null, "port 0 is only valid for persistent services (keepalived sets persistence_timeout 360)"));
            }

            if (key.Family is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6))
            {
                problems.Add(new(LbProblemSeverity.Error, key, null, $"address family {key.Family} is neither inet nor inet6"));
            }

            var dests = new HashSet<DestinationKey>();
            foreach (var d in s.Destinations)
            {
                ValidateDestination(s, d, dests, problems);
            }
        }

        return problems;
    }

    private static void ValidateDestination(VirtualService s, RealServer d, HashSet<DestinationKey> seen, List<LbProblem> problems)
    {
        var key = s.Key;
        void Add(LbProblemSeverity severity, string message) => problems.Add(new(severity, key, d.Key, message));

        if (!seen.Add(d.Key))
        {
            Add(LbProblemSeverity.Error, "defined more than once");
        }

        if (d.Weight < 0)
        {
            Add(LbProblemSeverity.Error, $"weight {d.Weight} is negative");
        }

        // The kernel answers ERANGE when the lower threshold is above the upper one (ip_vs_add_dest).
        if (d.LowerThreshold > d.UpperThreshold)
        {
            Add(LbProblemSeverity.Error, $"lthreshold {d.LowerThreshold} is above uthreshold {d.UpperThreshold}");
        }

        if (d.Method == LvsMethod.Local)
        {
            Add(LbProblemSeverity.Error, "the local method is reported by the kernel, not requested");
        }

        // Mixed-family destinations are only possible through a tunnel (the kernel answers EINVAL otherwise).
        if (d.Address.AddressFamily != key.Family && d.Method != LvsMethod.Tun)
        {
            Add(LbProblemSeverity.Error, "a real server of another address family needs lvs_method TUN");
        }

        if (d.Method == LvsMethod.Tun)
        {
            if (d.TunnelType == TunnelType.Gue && d.TunnelPort == 0)
            {
                Add(LbProblemSeverity.Error, "tunnel type gue needs a port");
            }

            if (d.TunnelType == TunnelType.Gre && d.TunnelChecksum == TunnelChecksum.RemCsum)
            {
                Add(LbProblemSeverity.Error, "tunnel type gre does not support remcsum");
            }

            if (d.TunnelType == TunnelType.Ipip && d.TunnelChecksum != TunnelChecksum.NoCsum)
            {
                Add(LbProblemSeverity.Warning, "checksum options only apply to gue and gre tunnels");
            }
        }
    }
}
