using System.Net;
using System.Net.Sockets;
using FsCheck;
using FsCheck.Fluent;
using Vigil.Lb;

namespace Vigil.Core.Tests.Lb;

/// <summary>Random tables over a small universe of keys, so that two of them overlap a lot.</summary>
internal static class LbGenerators
{
    public static readonly VirtualServiceKey[] ServiceKeys =
    [
        VirtualServiceKey.ForAddress(LbProtocol.Tcp, IPAddress.Parse("192.0.2.1"), 80),
        VirtualServiceKey.ForAddress(LbProtocol.Tcp, IPAddress.Parse("192.0.2.1"), 443),
        VirtualServiceKey.ForAddress(LbProtocol.Udp, IPAddress.Parse("192.0.2.1"), 80),
        VirtualServiceKey.ForAddress(LbProtocol.Tcp, IPAddress.Parse("192.0.2.2"), 80),
        VirtualServiceKey.ForAddress(LbProtocol.Sctp, IPAddress.Parse("2001:db8::1"), 80),
        VirtualServiceKey.ForFwMark(1),
        VirtualServiceKey.ForFwMark(1, AddressFamily.InterNetworkV6),
        VirtualServiceKey.ForFwMark(2),
    ];

    private static readonly DestinationKey[] DestinationKeys =
    [
        new(IPAddress.Parse("203.0.113.1"), 80),
        new(IPAddress.Parse("203.0.113.1"), 8080),
        new(IPAddress.Parse("203.0.113.2"), 80),
        new(IPAddress.Parse("203.0.113.3"), 0),
        new(IPAddress.Parse("2001:db8::11"), 80),
    ];

    public static Gen<RealServer> Destination(DestinationKey key) =>
        from weight in Gen.Choose(0, 3)
        from method in Gen.Elements(LvsMethod.Nat, LvsMethod.Dr, LvsMethod.Tun)
        from tunnel in Gen.Elements(TunnelType.Ipip, TunnelType.Gue, TunnelType.Gre)
        from upper in Gen.Choose(0, 2)
        select new RealServer(key.Address, key.Port, weight, method, tunnel,
            tunnel == TunnelType.Gue ? (ushort)6080 : (ushort)0, UpperThreshold: (uint)(upper * 100));

    public static Gen<VirtualService> Service(VirtualServiceKey key) =>
        from scheduler in Gen.Elements("rr", "wlc", "sh", "mh")
        from flags in Gen.Elements(SchedulerFlags.None, SchedulerFlags.Flag1, SchedulerFlags.Flag1 | SchedulerFlags.Flag2)
        from persistence in Gen.Elements(0u, 360u, 50u)
        from granularity in Gen.Elements<int?>(null, 24)
        from destKeys in Gen.SubListOf(DestinationKeys)
        from ordered in Gen.Shuffle<DestinationKey>(destKeys)
        from dests in Combine(ordered.Select(k => Destination(k)))
        select new VirtualService(key, scheduler, flags, false, persistence, granularity, null, dests);

    public static Gen<LbState> State() =>
        from keys in Gen.SubListOf(ServiceKeys)
        from ordered in Gen.Shuffle<VirtualServiceKey>(keys)
        from services in Combine(ordered.Select(k => Service(k)))
        select new LbState(services);

    /// <summary>One value from each generator, in order.</summary>
    private static Gen<IReadOnlyList<T>> Combine<T>(IEnumerable<Gen<T>> gens)
    {
        Gen<IReadOnlyList<T>> acc = Gen.Constant<IReadOnlyList<T>>([]);
        foreach (var g in gens)
        {
            var captured = g;
            acc = from list in acc from item in captured select (IReadOnlyList<T>)[.. list, item];
        }

        return acc;
    }
}
