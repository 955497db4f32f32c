using System.Collections.Immutable;
using Vigil.Config.Model;

namespace Vigil.Config.Parsing;

/// <summary>
/// Items of <c>track_interface</c>, <c>track_script</c>, <c>track_file</c>, <c>track_process</c>, <c>track_bfd</c>:
/// <c>NAME [weight W [reverse|noreverse]]</c>. The weight is kept unresolved (null) when not given, and the
/// tracked object's own weight is applied at resolution.
/// </summary>
internal static class TrackRefParser
{
    public static ImmutableArray<TrackRef> Parse(IReadOnlyList<KeywordArgs> items, string owner, int minWeight, int maxWeight, string kind)
    {
        var result = ImmutableArray.CreateBuilder<TrackRef>();
        foreach (var item in items)
        {
            var name = item.Keyword;
            if (name is "{" or "}")
            {
                continue;
            }

            int? weight = null;
            var reverse = false;
            var i = 0;
            var ok = true;
            while (i < item.Count)
            {
                var w = item[i];
                if (w == "weight")
                {
                    if (i + 1 >= item.Count)
                    {
                        item.Error($"({owner}) weight missing for {kind} {name}");
                        ok = false;
                        break;
                    }

                    if (!item.TryInt(i + 1, minWeight, maxWeight, out int v, report: false))
                    {
                        item.ErrorAt(i + 1, $"({owner}) weight for {kind} {name} must be between [{minWeight}:{maxWeight}] inclusive. Ignoring...");
                        ok = false;
                        break;
                    }

                    weight = v;
                    i += 2;
                }
                else if (w == "reverse")
                {
                    reverse = true;
                    i++;
                }
                else if (w is "noreverse" or "no_reverse")
                {
                    reverse = false;
                    i++;
                }
                else
                {
                    item.ErrorAt(i, $"({owner}) unknown option '{w}' for {kind} {name} - ignoring");
                    i++;
                }
            }

            if (!ok)
            {
                continue;
            }

            result.Add(new TrackRef(name, weight ?? 0, reverse, item.Location) { WeightConfigured = weight is not null });
        }

        return result.ToImmutable();
    }
}
