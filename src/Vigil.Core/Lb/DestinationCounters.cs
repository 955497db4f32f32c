namespace Vigil.Lb;

/// <summary>
/// Live counters of one destination (IPVS_DEST_ATTR_ACTIVE_CONNS/INACT_CONNS/PERSIST_CONNS and the
/// STATS64 nest; nftables fills <see cref="Connections"/> from a rule counter and leaves the rest 0).
/// </summary>
public sealed record DestinationCounters(
    uint ActiveConnections,
    uint InactiveConnections,
    uint PersistentConnections,
    ulong Connections,
    ulong InPackets,
    ulong OutPackets,
    ulong InBytes,
    ulong OutBytes)
{
    public static DestinationCounters Zero { get; } = new(0, 0, 0, 0, 0, 0, 0, 0);
}
