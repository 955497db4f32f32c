using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Vigil.Lb;

namespace Vigil.Linux.Nft;

/// <summary>
/// Writes the nft commands that program virtual services into one table (default <c>inet vigil_lb</c>).
/// Pure text generation (no I/O), so every script is testable without root. Layout:
/// <list type="bullet">
/// <item>base chains <c>prerouting</c> and <c>output</c> (nat, priority -100) dispatch new connections by
/// verdict maps: <c>d4</c>/<c>d6</c> keyed by <c>daddr . l4proto . dport</c>, <c>fm4</c>/<c>fm6</c> keyed by
/// <c>meta mark</c> (fwmark services);</item>
/// <item>one chain per service <c>s{id}</c>: persistence hits first, then the scheduler's pick
/// (<c>numgen inc</c> for rr/wrr, <c>jhash</c> for sh/dh) into</item>
/// <item>one chain per real server <c>s{id}d{n}</c>: refresh its persistence set, count, DNAT;</item>
/// <item>optionally <c>postrouting</c>: masquerade connections DNATed to a real server (sets <c>m4</c>/<c>m6</c>).</item>
/// </list>
/// Only the services that change are rewritten, so the others keep their round-robin position,
/// persistence entries and counters.
/// </summary>
internal sealed class NftRuleset
{
    /// <summary>Fixed jhash seed: the same client hashes to the same server across rewrites and restarts.</summary>
    public const uint HashSeed = 0x56696731;

    /// <summary>Above this many map entries, weighted maps fall back to one block per server (exact shares, not interleaved).</summary>
    public const int MaxMapEntries = 1024;

    private readonly Dictionary<VirtualServiceKey, int> _serviceIds = [];
    private readonly Dictionary<VirtualServiceKey, Dictionary<DestinationKey, int>> _destinationIds = [];
    private int _nextServiceId;

    public NftRuleset(string table = "vigil_lb", bool masquerade = false)
    {
        Table = table;
        Masquerade = masquerade;
    }

    public string Table { get; }

    public bool Masquerade { get; }

    private string T => "inet " + Table;

    /// <summary>Replaces any leftover table of this name with an empty one: maps, base chains, masquerade sets.</summary>
    public string Bootstrap()
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"add table {T}\ndelete table {T}\nadd table {T}\n");
        sb.Append(CultureInfo.InvariantCulture, $"add map {T} d4 {{ type ipv4_addr . inet_proto . inet_service : verdict; }}\n");
        sb.Append(CultureInfo.InvariantCulture, $"add map {T} d6 {{ type ipv6_addr . inet_proto . inet_service : verdict; }}\n");
        sb.Append(CultureInfo.InvariantCulture, $"add map {T} fm4 {{ type mark : verdict; }}\n");
        sb.Append(CultureInfo.InvariantCulture, $"add map {T} fm6 {{ type mark : verdict; }}\n");
        foreach (var (chain, hook) in new[] { ("prerouting", "prerouting"), ("output", "output") })
        {
            sb.Append(CultureInfo.InvariantCulture, $"add chain {T} {chain} {{ type nat hook {hook} priority -100; policy accept; }}\n");
            sb.Append(CultureInfo.InvariantCulture, $"add rule {T} {chain} ip daddr . meta l4proto . th dport vmap @d4\n");
            sb.Append(CultureInfo.InvariantCulture, $"add rule {T} {chain} ip6 daddr . meta l4proto . th dport vmap @d6\n");
            sb.Append(CultureInfo.InvariantCulture, $"add rule {T} {chain} meta nfproto ipv4 meta mark vmap @fm4\n");
            sb.Append(CultureInfo.InvariantCulture, $"add rule {T} {chain} meta nfproto ipv6 meta mark vmap @fm6\n");
        }

        if (Masquerade)
        {
            sb.Append(CultureInfo.InvariantCulture, $"add set {T} m4 {{ type ipv4_addr; }}\n");
            sb.Append(CultureInfo.InvariantCulture, $"add set {T} m6 {{ type ipv6_addr; }}\n");
            sb.Append(CultureInfo.InvariantCulture, $"add chain {T} postrouting {{ type nat hook postrouting priority 100; policy accept; }}\n");
            sb.Append(CultureInfo.InvariantCulture, $"add rule {T} postrouting ct status dnat ip daddr @m4 masquerade\n");
            sb.Append(CultureInfo.InvariantCulture, $"add rule {T} postrouting ct status dnat ip6 daddr @m6 masquerade\n");
        }

        return sb.ToString();
    }

    /// <summary>Deletes the table (stop); harmless when it does not exist.</summary>
    public string Teardown() => $"add table {T}\ndelete table {T}\n";

    /// <summary>Rewrites the masquerade sets to the real servers of <paramref name="state"/> (empty when masquerading is off).</summary>
    public string MasqueradeSets(LbState state)
    {
        if (!Masquerade)
        {
            return "";
        }

        var sb = new StringBuilder();
        foreach (var (set, family) in new[] { ("m4", AddressFamily.InterNetwork), ("m6", AddressFamily.InterNetworkV6) })
        {
            sb.Append(CultureInfo.InvariantCulture, $"flush set {T} {set}\n");
            var addresses = state.Services.SelectMany(s => s.Destinations).Select(d => d.Address)
                .Where(a => a.AddressFamily == family).Distinct().ToList();
            if (addresses.Count > 0)
            {
                sb.Append(CultureInfo.InvariantCulture, $"add element {T} {set} {{ {string.Join(", ", addresses)} }}\n");
            }
        }

        return sb.ToString();
    }

    /// <summary>The chain that holds <paramref name="key"/>'s rules, or null when it is not programmed.</summary>
    public string? ServiceChain(VirtualServiceKey key) => _serviceIds.TryGetValue(key, out var id) ? $"s{id}" : null;

    /// <summary>The chain of one real server of a service, or null.</summary>
    public string? DestinationChain(VirtualServiceKey key, DestinationKey destination) =>
        _serviceIds.TryGetValue(key, out var id) && _destinationIds[key].TryGetValue(destination, out var n) ? $"s{id}d{n}" : null;

    /// <summary>
    /// Commands that turn service <paramref name="old"/> (as programmed, or null) into <paramref name="new"/>
    /// (or null to remove it). Chain names are allocated here; call <see cref="Forget"/> once a removal
    /// has been committed.
    /// </summary>
    public string ServiceChange(VirtualService? old, VirtualService? @new)
    {
        var key = (@new ?? old ?? throw new ArgumentException("old or new is needed")).Key;
        if (!_serviceIds.TryGetValue(key, out var id))
        {
            id = _nextServiceId++;
            _serviceIds[key] = id;
            _destinationIds[key] = [];
        }

        var dests = _destinationIds[key];
        int DestId(DestinationKey d)
        {
            if (!dests.TryGetValue(d, out var n))
            {
                n = dests.Count == 0 ? 0 : dests.Values.Max() + 1;
                dests[d] = n;
            }

            return n;
        }

        var chain = $"s{id}";
        var sb = new StringBuilder();
        var oldPicks = old is null ? [] : old.Destinations.ToDictionary(d => d.Key, d => PickRules(old, d, $"{chain}d{DestId(d.Key)}"));
        var newPicks = @new is null ? [] : @new.Destinations.ToDictionary(d => d.Key, d => PickRules(@new, d, $"{chain}d{DestId(d.Key)}"));
        var samePersistence = old is not null && @new is not null && old.IsPersistent && @new.IsPersistent &&
                              old.PersistenceTimeout == @new.PersistenceTimeout && old.PersistenceGranularity == @new.PersistenceGranularity;

        if (old is null)
        {
            sb.Append(CultureInfo.InvariantCulture, $"add chain {T} {chain}\n");
        }
        else
        {
            if (@new is null)
            {
                sb.Append(CultureInfo.InvariantCulture, $"delete element {T} {DispatchMap(key)} {{ {DispatchKey(key)} }}\n");
            }

            sb.Append(CultureInfo.InvariantCulture, $"flush chain {T} {chain}\n");
            foreach (var d in old.Destinations)
            {
                var pick = $"{chain}d{dests[d.Key]}";
                var keep = newPicks.TryGetValue(d.Key, out var rules) && rules == oldPicks[d.Key] && (!old.IsPersistent || samePersistence);
                if (!keep)
                {
                    sb.Append(CultureInfo.InvariantCulture, $"flush chain {T} {pick}\n");
                    sb.Append(CultureInfo.InvariantCulture, $"delete chain {T} {pick}\n");
                }

                if (old.IsPersistent && !(samePersistence && newPicks.ContainsKey(d.Key)))
                {
                    sb.Append(CultureInfo.InvariantCulture, $"delete set {T} {pick}p\n");
                }
            }

            if (@new is null)
            {
                sb.Append(CultureInfo.InvariantCulture, $"delete chain {T} {chain}\n");
                return sb.ToString();
            }
        }

        foreach (var d in @new!.Destinations)
        {
            var pick = $"{chain}d{dests[d.Key]}";
            var existed = old?.Find(d.Key) is not null;
            if (@new.IsPersistent && !(samePersistence && existed))
            {
                sb.Append(CultureInfo.InvariantCulture,
                    $"add set {T} {pick}p {{ type {(Family(@new) == AddressFamily.InterNetworkV6 ? "ipv6_addr" : "ipv4_addr")}; flags dynamic,timeout; timeout {@new.PersistenceTimeout}s; }}\n");
            }

            var kept = existed && newPicks[d.Key] == oldPicks[d.Key] && (!old!.IsPersistent || samePersistence);
            if (!kept)
            {
                sb.Append(CultureInfo.InvariantCulture, $"add chain {T} {pick}\n");
                sb.Append(newPicks[d.Key]);
            }
        }

        sb.Append(ServiceRules(@new, chain, d => $"{chain}d{dests[d.Key]}"));
        if (old is null)
        {
            sb.Append(CultureInfo.InvariantCulture, $"add element {T} {DispatchMap(key)} {{ {DispatchKey(key)} : goto {chain} }}\n");
        }

        return sb.ToString();
    }

    /// <summary>Forgets the chain names of services no longer programmed (after a committed removal).</summary>
    public void Forget(VirtualServiceKey key)
    {
        _serviceIds.Remove(key);
        _destinationIds.Remove(key);
    }

    /// <summary>Forgets the names of removed real servers of a programmed service.</summary>
    public void Prune(VirtualService programmed)
    {
        if (_destinationIds.TryGetValue(programmed.Key, out var dests))
        {
            foreach (var k in dests.Keys.Where(k => programmed.Find(k) is null).ToList())
            {
                dests.Remove(k);
            }
        }
    }

    /// <summary>Forgets every name (after the table was replaced).</summary>
    public void Reset()
    {
        _serviceIds.Clear();
        _destinationIds.Clear();
    }

    /// <summary>
    /// IPVS wrr's order (linux ip_vs_wrr.c, observable with ipvsadm): passes over the servers in list
    /// order with a current weight that starts at the largest weight and drops by the weights' gcd each
    /// pass; a server is picked in a pass when its weight is at least the current weight. Weights (3,1)
    /// give A A A B.
    /// </summary>
    public static IReadOnlyList<int> WeightedRoundRobinSequence(IReadOnlyList<int> weights)
    {
        var active = weights.Where(w => w > 0).ToList();
        if (active.Count == 0)
        {
            return [];
        }

        var gcd = active.Aggregate(Gcd);
        var max = active.Max();
        var sequence = new List<int>();
        for (var cw = max; cw > 0; cw -= gcd)
        {
            for (var i = 0; i < weights.Count; i++)
            {
                if (weights[i] > 0 && weights[i] >= cw)
                {
                    sequence.Add(i);
                }
            }
        }

        return sequence;
    }

    private static int Gcd(int a, int b) => b == 0 ? a : Gcd(b, a % b);

    /// <summary>The verdict-map body for a weighted pick: runs of the same server as ranges ("0-2 : goto a, 3 : goto b").</summary>
    private static (int Modulus, string Map) WeightedMap(IReadOnlyList<int> sequence, IReadOnlyList<string> targets)
    {
        var entries = new List<string>();
        var start = 0;
        for (var i = 1; i <= sequence.Count; i++)
        {
            if (i == sequence.Count || sequence[i] != sequence[start])
            {
                var range = i - 1 == start
                    ? start.ToString(CultureInfo.InvariantCulture)
                    : string.Create(CultureInfo.InvariantCulture, $"{start}-{i - 1}");
                entries.Add($"{range} : goto {targets[sequence[start]]}");
                start = i;
            }
        }

        return (sequence.Count, string.Join(", ", entries));
    }

    /// <summary>One block per server, sized by weight reduced by the gcd (and scaled down when the total is large).</summary>
    private static IReadOnlyList<int> BlockSequence(IReadOnlyList<int> weights)
    {
        var active = weights.Where(w => w > 0).ToList();
        var gcd = active.Aggregate(Gcd);
        var reduced = weights.Select(w => w / gcd).ToList();
        var total = reduced.Sum(w => (long)w);
        if (total > MaxMapEntries * 64L)
        {
            reduced = weights.Select(w => w <= 0 ? 0 : (int)Math.Max(1, w * (MaxMapEntries * 64L) / total)).ToList();
        }

        var sequence = new List<int>();
        for (var i = 0; i < reduced.Count; i++)
        {
            sequence.AddRange(Enumerable.Repeat(i, reduced[i]));
        }

        return sequence;
    }

    private string ServiceRules(VirtualService s, string chain, Func<RealServer, string> pickChain)
    {
        var sb = new StringBuilder();
        if (s.IsPersistent)
        {
            foreach (var d in s.Destinations)
            {
                var pick = pickChain(d);
                sb.Append(CultureInfo.InvariantCulture, $"add rule {T} {chain} {SourceKey(s)} @{pick}p goto {pick}\n");
            }
        }

        var active = s.Destinations.Where(d => d.Weight > 0).ToList();
        if (active.Count == 0)
        {
            return sb.ToString(); // nothing to pick: the connection goes on unchanged (to the director itself)
        }

        var targets = active.Select(pickChain).ToList();
        if (active.Count == 1)
        {
            sb.Append(CultureInfo.InvariantCulture, $"add rule {T} {chain} goto {targets[0]}\n");
            return sb.ToString();
        }

        var weights = active.Select(d => d.Weight).ToList();
        string? rule = null;
        switch (s.Scheduler)
        {
            case "rr":
                rule = Pick("numgen inc", Enumerable.Range(0, active.Count).ToList());
                break;
            case "wrr":
                {
                    var sequence = WeightedRoundRobinSequence(weights);
                    var runs = WeightedMap(sequence, targets).Map.Count(c => c == ',') + 1;
                    rule = Pick("numgen inc", runs <= MaxMapEntries ? sequence : BlockSequence(weights));
                    break;
                }

            case "sh":
                {
                    var port = (s.SchedulerFlags & SchedulerFlagNames.Port) != 0 ? " . th sport" : "";
                    rule = Pick($"jhash {IpKeyword(s)} saddr{port}", BlockSequence(weights), seed: true);
                    break;
                }

            case "dh":
                rule = Pick($"jhash {IpKeyword(s)} daddr", BlockSequence(weights), seed: true);
                break;
            case "fo":
                {
                    var best = active.Max(d => d.Weight);
                    rule = $"goto {targets[active.FindIndex(d => d.Weight == best)]}";
                    break;
                }
        }

        if (rule is not null)
        {
            sb.Append(CultureInfo.InvariantCulture, $"add rule {T} {chain} {rule}\n");
        }

        return sb.ToString();

        string Pick(string expression, IReadOnlyList<int> sequence, bool seed = false)
        {
            var (modulus, map) = WeightedMap(sequence, targets);
            var seedText = seed ? string.Create(CultureInfo.InvariantCulture, $" seed 0x{HashSeed:x}") : "";
            return string.Create(CultureInfo.InvariantCulture, $"{expression} mod {modulus}{seedText} vmap {{ {map} }}");
        }
    }

    /// <summary>The rules of one real server's chain: refresh persistence, count, DNAT.</summary>
    private string PickRules(VirtualService s, RealServer d, string pick)
    {
        var update = s.IsPersistent ? $"update @{pick}p {{ {SourceKey(s)} }} " : "";
        var ip = d.Address.AddressFamily == AddressFamily.InterNetworkV6 ? "ip6" : "ip";
        var target = d.Port == 0
            ? d.Address.ToString()
            : string.Create(CultureInfo.InvariantCulture, $"{(ip == "ip6" ? $"[{d.Address}]" : d.Address.ToString())}:{d.Port}");
        var protocols = d.Port == 0 ? [null] : s.Key.IsFwMark ? new string?[] { "tcp", "udp", "sctp" } : [ProtocolName(s.Key.Protocol)];
        var sb = new StringBuilder();
        foreach (var p in protocols)
        {
            var match = p is null ? "" : $"meta l4proto {p} ";
            sb.Append(CultureInfo.InvariantCulture, $"add rule {T} {pick} {match}{update}counter dnat {ip} to {target}\n");
        }

        return sb.ToString();
    }

    private static AddressFamily Family(VirtualService s) => s.Key.Family;

    private static string IpKeyword(VirtualService s) => Family(s) == AddressFamily.InterNetworkV6 ? "ip6" : "ip";

    /// <summary>The client key persistence remembers: the source address, masked by persistence_granularity.</summary>
    private static string SourceKey(VirtualService s)
    {
        var ip = IpKeyword(s);
        if (s.PersistenceGranularity is not int prefix || prefix == s.FullPrefixLength)
        {
            return $"{ip} saddr";
        }

        var bits = s.FullPrefixLength;
        var mask = prefix == 0 ? UInt128.Zero : UInt128.MaxValue << (128 - prefix);
        Span<byte> bytes = stackalloc byte[16];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt128BigEndian(bytes, mask);
        var maskAddress = new IPAddress(bits == 32 ? bytes[..4] : bytes);
        return $"{ip} saddr & {maskAddress}";
    }

    private static string DispatchMap(VirtualServiceKey key) => (key.IsFwMark ? "fm" : "d") + (key.Family == AddressFamily.InterNetworkV6 ? "6" : "4");

    private static string DispatchKey(VirtualServiceKey key) =>
        key.IsFwMark
            ? key.FwMark.ToString(CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{key.Address} . {ProtocolName(key.Protocol)} . {key.Port}");

    private static string ProtocolName(LbProtocol protocol) => protocol switch
    {
        LbProtocol.Tcp => "tcp",
        LbProtocol.Udp => "udp",
        LbProtocol.Sctp => "sctp",
        _ => ((int)protocol).ToString(CultureInfo.InvariantCulture),
    };
}
