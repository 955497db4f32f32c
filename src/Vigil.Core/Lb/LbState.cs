using System.Text;

namespace Vigil.Lb;

/// <summary>
/// A whole load-balancer table: what the kernel has (read back from IPVS) or what it should have (built
/// by the integrator from the configuration and the checkers). Services are keyed by
/// <see cref="VirtualServiceKey"/>; equality compares the services in order.
/// </summary>
public sealed record LbState(IReadOnlyList<VirtualService> Services)
{
    public static LbState Empty { get; } = new([]);

    /// <summary>The service with <paramref name="key"/>, or null.</summary>
    public VirtualService? Find(VirtualServiceKey key)
    {
        foreach (var s in Services)
        {
            if (s.Key.Equals(key))
            {
                return s;
            }
        }

        return null;
    }

    /// <summary>
    /// The same table in a canonical order (services and destinations sorted the way ipvsadm lists them,
    /// settings normalised), so that two tables with the same content compare equal.
    /// </summary>
    public LbState Canonical() =>
        new(Services.Select(s => s.Normalized() with
            {
                Destinations = s.Destinations.Select(d => d.Normalized()).OrderBy(d => d.Key, LbOrdering.Destinations).ToArray(),
            })
            .OrderBy(s => s.Key, LbOrdering.Services)
            .ToArray());

    public bool Equals(LbState? other) => other is not null && Services.SequenceEqual(other.Services);

    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (var s in Services)
        {
            h.Add(s);
        }

        return h.ToHashCode();
    }

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Services = [").AppendJoin("; ", Services).Append(']');
        return true;
    }
}
