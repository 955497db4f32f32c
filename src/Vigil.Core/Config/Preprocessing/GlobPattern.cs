namespace Vigil.Config.Preprocessing;

/// <summary>
/// Path globbing for <c>include</c> (the subset of glob(3) keepalived relies on): <c>*</c>, <c>?</c> and <c>[...]</c>
/// per path segment, a leading dot only matched explicitly, results sorted per pattern.
/// </summary>
internal static class GlobPattern
{
    public static bool HasWildcards(string pattern) => pattern.AsSpan().IndexOfAny("*?[") >= 0;

    /// <summary>Expands an absolute pattern to the existing paths it names (files and directories), sorted ordinally.</summary>
    public static List<string> Match(IConfigFileSystem fs, string absolutePattern)
    {
        if (!HasWildcards(absolutePattern))
        {
            return fs.GetKind(absolutePattern) == ConfigPathKind.Missing ? [] : [absolutePattern];
        }

        var segments = absolutePattern.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var current = new List<string> { "/" };
        foreach (var segment in segments)
        {
            var next = new List<string>();
            foreach (var dir in current)
            {
                if (!HasWildcards(segment))
                {
                    var candidate = Join(dir, segment);
                    if (fs.GetKind(candidate) != ConfigPathKind.Missing)
                    {
                        next.Add(candidate);
                    }

                    continue;
                }

                if (fs.GetKind(dir) != ConfigPathKind.Directory)
                {
                    continue;
                }

                var names = fs.ListDirectory(dir).Where(n => IsMatch(segment, n)).ToList();
                names.Sort(StringComparer.Ordinal);
                next.AddRange(names.Select(n => Join(dir, n)));
            }

            current = next;
            if (current.Count == 0)
            {
                break;
            }
        }

        return current;
    }

    private static string Join(string dir, string name) => dir.EndsWith('/') ? dir + name : dir + "/" + name;

    /// <summary>
    /// fnmatch(3) for one path segment, without FNM_PERIOD subtleties beyond "a leading dot must be explicit".
    /// Iterative with a single backtrack point for the last '*', so hostile patterns stay linear-ish (never exponential).
    /// </summary>
    public static bool IsMatch(string pattern, string name)
    {
        if (name.StartsWith('.') && !pattern.StartsWith('.'))
        {
            return false;
        }

        int p = 0, s = 0, starP = -1, starS = 0;
        while (s < name.Length)
        {
            if (p < pattern.Length && pattern[p] == '*')
            {
                starP = ++p;
                starS = s;
                continue;
            }

            if (p < pattern.Length && MatchOne(pattern, ref p, name[s]))
            {
                s++;
                continue;
            }

            if (starP < 0)
            {
                return false;
            }

            p = starP;
            s = ++starS;
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }

    /// <summary>Matches one pattern element (literal, '?', class, escape) at <paramref name="p"/>; advances on success.</summary>
    private static bool MatchOne(string pattern, ref int p, char c)
    {
        switch (pattern[p])
        {
            case '?':
                p++;
                return true;
            case '[':
                {
                    var pi = p;
                    if (!MatchClass(pattern, ref pi, c, out var literal))
                    {
                        return false;
                    }

                    if (literal)
                    {
                        // An unterminated '[' matches itself.
                        if (c != '[')
                        {
                            return false;
                        }

                        p++;
                        return true;
                    }

                    p = pi;
                    return true;
                }

            case '\\' when p + 1 < pattern.Length:
                if (pattern[p + 1] != c)
                {
                    return false;
                }

                p += 2;
                return true;
            default:
                if (pattern[p] != c)
                {
                    return false;
                }

                p++;
                return true;
        }
    }

    private static bool MatchClass(string p, ref int pi, char c, out bool literal)
    {
        var i = pi + 1;
        var negate = i < p.Length && (p[i] == '!' || p[i] == '^');
        if (negate)
        {
            i++;
        }

        var matched = false;
        var first = true;
        while (i < p.Length && (p[i] != ']' || first))
        {
            var lo = p[i];
            if (i + 2 < p.Length && p[i + 1] == '-' && p[i + 2] != ']')
            {
                var hi = p[i + 2];
                matched |= c >= lo && c <= hi;
                i += 3;
            }
            else
            {
                matched |= c == lo;
                i++;
            }

            first = false;
        }

        if (i >= p.Length)
        {
            literal = true;
            return true;
        }

        literal = false;
        pi = i + 1;
        return matched != negate;
    }
}
