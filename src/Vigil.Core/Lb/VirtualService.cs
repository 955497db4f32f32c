using System.Net.Sockets;
using System.Text;

namespace Vigil.Lb;

/// <summary>
/// One virtual service and its destinations, as the data plane should program it (keepalived's
/// <c>virtual_server</c> after <c>virtual_server_group</c> expansion: one of these per group entry).
/// Equality compares the destinations in order, so two services built from the same input are equal.
/// </summary>
/// <param name="Key">Identity (address or fwmark).</param>
/// <param name="Scheduler"><c>lvs_sched</c> name, default wlc.</param>
/// <param name="SchedulerFlags"><c>flag-1/2/3</c>, <c>sh-port</c> …</param>
/// <param name="OnePacket"><c>ops</c>: one-packet scheduling (IP_VS_SVC_F_ONEPACKET, UDP).</param>
/// <param name="PersistenceTimeout"><c>persistence_timeout</c> in seconds; 0 = not persistent (bare keyword = 360).</param>
/// <param name="PersistenceGranularity">
/// <c>persistence_granularity</c> as a prefix length (IPv4 netmask 255.255.255.0 = 24, IPv6 prefix); null = one client address.
/// </param>
/// <param name="PersistenceEngine"><c>persistence_engine</c> (only "sip" exists).</param>
/// <param name="Destinations">Real servers, each key at most once.</param>
public sealed record VirtualService(
    VirtualServiceKey Key,
    string Scheduler,
    SchedulerFlags SchedulerFlags,
    bool OnePacket,
    uint PersistenceTimeout,
    int? PersistenceGranularity,
    string? PersistenceEngine,
    IReadOnlyList<RealServer> Destinations)
{
    /// <summary>keepalived's timeout for a bare <c>persistence_timeout</c> (keepalived.conf(5): "default 6 minutes").</summary>
    public const uint DefaultPersistenceTimeout = 360;

    /// <summary>A service with keepalived's defaults: wlc, no flags, not persistent, no destinations.</summary>
    public VirtualService(VirtualServiceKey key, IReadOnlyList<RealServer>? destinations = null)
        : this(key, LvsScheduler.Default, SchedulerFlags.None, false, 0, null, null, destinations ?? [])
    {
    }

    public bool IsPersistent => PersistenceTimeout > 0;

    /// <summary>Full prefix length of the service's family (32 or 128): the granularity of "one address".</summary>
    public int FullPrefixLength => Key.Family == AddressFamily.InterNetworkV6 ? 128 : 32;

    /// <summary>The settings IPVS keeps per service, normalised (an explicit /32 or /128 granularity is no granularity).</summary>
    public VirtualService Normalized() =>
        PersistenceGranularity == FullPrefixLength || string.IsNullOrEmpty(PersistenceEngine)
            ? this with
            {
                PersistenceGranularity = PersistenceGranularity == FullPrefixLength ? null : PersistenceGranularity,
                PersistenceEngine = string.IsNullOrEmpty(PersistenceEngine) ? null : PersistenceEngine,
            }
            : this;

    /// <summary>True when the service-level settings (not the destinations) equal those of <paramref name="other"/>.</summary>
    public bool SameSettingsAs(VirtualService other)
    {
        var a = Normalized();
        var b = other.Normalized();
        return a.Key.Equals(b.Key) && a.Scheduler == b.Scheduler && a.SchedulerFlags == b.SchedulerFlags &&
               a.OnePacket == b.OnePacket && a.PersistenceTimeout == b.PersistenceTimeout &&
               a.PersistenceGranularity == b.PersistenceGranularity && a.PersistenceEngine == b.PersistenceEngine;
    }

    /// <summary>The destination with <paramref name="key"/>, or null.</summary>
    public RealServer? Find(DestinationKey key)
    {
        foreach (var d in Destinations)
        {
            if (d.Key == key)
            {
                return d;
            }
        }

        return null;
    }

    public bool Equals(VirtualService? other) =>
        other is not null && SameSettingsAs(other) && Destinations.SequenceEqual(other.Destinations);

    public override int GetHashCode()
    {
        var h = new HashCode();
        h.Add(Key);
        h.Add(Scheduler);
        h.Add(PersistenceTimeout);
        foreach (var d in Destinations)
        {
            h.Add(d);
        }

        return h.ToHashCode();
    }

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"Key = {Key}, Scheduler = {Scheduler}, SchedulerFlags = {SchedulerFlags}, OnePacket = {OnePacket}, ");
        builder.Append($"PersistenceTimeout = {PersistenceTimeout}, PersistenceGranularity = {PersistenceGranularity}, ");
        builder.Append($"PersistenceEngine = {PersistenceEngine}, Destinations = [{string.Join("; ", Destinations)}]");
        return true;
    }
}
