using System.Collections.Immutable;
using System.Text;

namespace Vigil.Checkers;

/// <summary>
/// The contract with the data plane: for one virtual service, the exact set of destinations it should
/// have now, in configuration order (the sorry server last). Independent of IPVS or nftables; equality is
/// by value, so a consumer can skip unchanged services.
/// </summary>
public sealed record DesiredService(VirtualServiceKey Key, ImmutableArray<DesiredDestination> Destinations)
{
    public bool Equals(DesiredService? other) =>
        other is not null && Key.Equals(other.Key) && Destinations.AsSpan().SequenceEqual(other.Destinations.AsSpan());

    public override int GetHashCode()
    {
        var h = new HashCode();
        h.Add(Key);
        foreach (var d in Destinations)
        {
            h.Add(d);
        }

        return h.ToHashCode();
    }

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Key = ").Append(Key).Append(", Destinations = [");
        for (var i = 0; i < Destinations.Length; i++)
        {
            var d = Destinations[i];
            builder.Append(i == 0 ? " " : ", ").Append(d.Key).Append(" w=").Append(d.Weight);
            if (d.Role == DestinationRole.SorryServer)
            {
                builder.Append(" sorry");
            }
        }

        builder.Append(" ]");
        return true;
    }
}
