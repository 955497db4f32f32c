using System.Collections.Immutable;
using System.Net;
using Vigil.Lb;
using CheckerKey = Vigil.Checkers.VirtualServiceKey;
using LbKey = Vigil.Lb.VirtualServiceKey;

namespace Vigil.Runtime;

/// <summary>
/// The static part of one <c>virtual_server</c>: the checkers' key, the data-plane settings every expanded service
/// shares (<see cref="Template"/>, without destinations) and the data-plane keys it expands to (one for an address or
/// fwmark service, one per address and fwmark for a <c>virtual_server group</c>).
/// </summary>
/// <param name="Key">The checkers' identity of the service (names it in events and logs).</param>
/// <param name="Template">Scheduler, flags, ops, persistence; its key is the first of <paramref name="Keys"/>.</param>
/// <param name="Keys">The data-plane services this virtual server programs.</param>
/// <param name="Addresses">The virtual addresses (for <c>ha_suspend</c>); empty for fwmark services.</param>
/// <param name="HaSuspend"><c>ha_suspend</c>.</param>
public sealed record LbServicePlan(
    CheckerKey Key,
    VirtualService Template,
    ImmutableArray<LbKey> Keys,
    ImmutableArray<IPAddress> Addresses,
    bool HaSuspend);
