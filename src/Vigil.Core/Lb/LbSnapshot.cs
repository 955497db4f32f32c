namespace Vigil.Lb;

/// <summary>
/// What a backend has programmed right now, with live counters, for <c>--lvs-status</c>
/// (<see cref="LbStatusFormatter"/>).
/// </summary>
/// <param name="Backend">"ipvs" or "nftables".</param>
/// <param name="Header">First line, e.g. "IP Virtual Server version 1.2.1 (size=4096)".</param>
/// <param name="State">The table as read back.</param>
/// <param name="Counters">Counters per (service, destination); missing entries print as 0.</param>
public sealed record LbSnapshot(
    string Backend,
    string Header,
    LbState State,
    IReadOnlyDictionary<(VirtualServiceKey Service, DestinationKey Destination), DestinationCounters> Counters);
