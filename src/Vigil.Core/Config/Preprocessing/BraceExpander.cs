namespace Vigil.Config.Preprocessing;

/// <summary>
/// csh-style brace expansion as glob(3) does it with GLOB_BRACE (used by <c>include</c>): <c>a{b,c{d,e}}f</c> gives
/// <c>abf</c>, <c>acdf</c>, <c>acef</c>, in that order. A brace pair without a comma is kept literally.
/// </summary>
internal static class BraceExpander
{
    /// <summary>Upper bound on the alternatives one pattern may produce.</summary>
    public const int MaxAlternatives = 10_000;

    public static IReadOnlyList<string> Expand(string pattern)
    {
        var results = new List<string>();
        Expand(pattern, results);
        return results;
    }

    public static bool HasBraces(string pattern) => Expand(pattern).Count > 1 || FindGroup(pattern, out _, out _, out _);

    private static void Expand(string pattern, List<string> results)
    {
        if (results.Count >= MaxAlternatives)
        {
            return;
        }

        if (!FindGroup(pattern, out var open, out var close, out var commas))
        {
            results.Add(pattern);
            return;
        }

        var prefix = pattern[..open];
        var suffix = pattern[(close + 1)..];
        var start = open + 1;
        foreach (var comma in commas.Append(close))
        {
            Expand(prefix + pattern[start..comma] + suffix, results);
            start = comma + 1;
        }
    }

    /// <summary>Finds the first brace group that contains a top-level comma.</summary>
    private static bool FindGroup(string p, out int open, out int close, out List<int> commas)
    {
        for (var i = 0; i < p.Length; i++)
        {
            if (p[i] == '\\')
            {
                i++;
                continue;
            }

            if (p[i] != '{')
            {
                continue;
            }

            var depth = 0;
            var found = new List<int>();
            for (var j = i; j < p.Length; j++)
            {
                if (p[j] == '\\')
                {
                    j++;
                    continue;
                }

                if (p[j] == '{')
                {
                    depth++;
                }
                else if (p[j] == '}')
                {
                    depth--;
                    if (depth == 0)
                    {
                        if (found.Count > 0)
                        {
                            open = i;
                            close = j;
                            commas = found;
                            return true;
                        }

                        break;
                    }
                }
                else if (p[j] == ',' && depth == 1)
                {
                    found.Add(j);
                }
            }
        }

        open = close = -1;
        commas = [];
        return false;
    }
}
