using Vigil.Checkers;
using Vigil.Lb;
using CheckerKey = Vigil.Checkers.VirtualServiceKey;

namespace Vigil.Runtime;

/// <summary>
/// Combines the checkers' <see cref="DesiredService"/> snapshot (who is in, with which weight) with the static model of
/// the plan (scheduler, persistence, group expansion) into the <see cref="LbState"/> a backend applies. A service the
/// checkers have not published yet has no destinations (it is still programmed, as keepalived adds the virtual server
/// before its real servers). Pure.
/// </summary>
public sealed class LbIntegrator(IReadOnlyList<LbServicePlan> services)
{
    private readonly IReadOnlyList<LbServicePlan> _services = services ?? throw new ArgumentNullException(nameof(services));

    public LbState Build(IReadOnlyDictionary<CheckerKey, DesiredService> desired)
    {
        ArgumentNullException.ThrowIfNull(desired);
        var result = new List<VirtualService>();
        var seen = new HashSet<Lb.VirtualServiceKey>();
        foreach (var plan in _services)
        {
            var destinations = desired.TryGetValue(plan.Key, out var d) ? Destinations(d) : [];
            foreach (var key in plan.Keys)
            {
                // Two virtual servers expanding to one IPVS service: the first one owns it (keepalived reports EEXIST).
                if (seen.Add(key))
                {
                    result.Add(plan.Template with { Key = key, Destinations = destinations });
                }
            }
        }

        return new LbState(result);
    }

    public LbState Build(IEnumerable<DesiredService> desired)
    {
        ArgumentNullException.ThrowIfNull(desired);
        var map = new Dictionary<CheckerKey, DesiredService>();
        foreach (var d in desired)
        {
            map[d.Key] = d;
        }

        return Build(map);
    }

    /// <summary>
    /// Every destination the configuration could ever program for a service (all real servers at their weight and the
    /// sorry server): what a backend's capability check must accept.
    /// </summary>
    public static DesiredService AllConfigured(VirtualServerSettings vs)
    {
        ArgumentNullException.ThrowIfNull(vs);
        var all = vs.RealServers
            .Select(r => new DesiredDestination(r.Address, r.Port, r.Weight, r.Forwarding ?? vs.Forwarding, r.UpperThreshold, r.LowerThreshold))
            .ToList();
        if (vs.SorryServer is { } s)
        {
            all.Add(new DesiredDestination(s.Address, s.Port, 1, s.Forwarding ?? vs.Forwarding, Role: DestinationRole.SorryServer));
        }

        return new DesiredService(vs.Key, [.. all]);
    }

    /// <summary>A checker destination as the data plane programs it (duplicates, e.g. a sorry server that is also a real server, kept once).</summary>
    public static RealServer[] Destinations(DesiredService service)
    {
        ArgumentNullException.ThrowIfNull(service);
        var result = new List<RealServer>(service.Destinations.Length);
        var seen = new HashSet<DestinationKey>();
        foreach (var d in service.Destinations)
        {
            var rs = Destination(d);
            if (seen.Add(rs.Key))
            {
                result.Add(rs);
            }
        }

        return [.. result];
    }

    public static RealServer Destination(DesiredDestination d)
    {
        ArgumentNullException.ThrowIfNull(d);
        var f = d.Forwarding;
        return new RealServer(
            d.Address,
            (ushort)d.Port,
            Math.Max(0, d.Weight),
            f.Method switch
            {
                ForwardingMethod.DirectRouting => LvsMethod.Dr,
                ForwardingMethod.Tunnel => LvsMethod.Tun,
                _ => LvsMethod.Nat,
            },
            (Lb.TunnelType)(int)f.TunnelType,
            (ushort)f.TunnelPort,
            (Lb.TunnelChecksum)(int)f.TunnelChecksum,
            (uint)Math.Max(0, d.UpperThreshold),
            (uint)Math.Max(0, d.LowerThreshold));
    }
}
