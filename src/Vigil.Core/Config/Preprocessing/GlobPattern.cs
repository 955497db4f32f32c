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

    /// <summary>fnmatch(3) for one path segment, without FNM_PERIOD subtleties beyond "a leading dot must be explicit".</summary>
    public static bool IsMatch(string pattern, string name)
    {
        if (name.StartsWith('.') && !pattern.StartsWith('.'))
        {
            return false;
        }

        return MatchAt(pattern, 0, name, 0, 0);
    }

    private static bool MatchAt(string p, int pi, string s, int si, int depth)
    {
        if (depth > 64)
        {
            return false;
        }

        while (pi < p.Length)
        {
            var c = p[pi];
            switch (c)
            {
                case '*':
                    while (pi < p.Length && p[pi] == '*')
                    {
                        pi++;
                    }

                    if (pi == p.Length)
                    {
                        return true;
                    }

                    for (var k = si; k <= s.Length; k++)
                    {
                        if (MatchAt(p, pi, s, k, depth + 1))
                        {
                            return true;
                        }
                    }

                    return false;
                case '?':
                    if (si >= s.Length)
                    {
                        return false;
                    }

                    pi++;
                    si++;
                    break;
                case '[':
                    if (si >= s.Length)
                    {
                        return false;
                    }

                    if (!MatchClass(p, ref pi, s[si], out var literal))
                    {
                        return false;
                    }

                    if (literal)
                    {
                        // An unterminated '[' matches itself.
                        if (s[si] != '[')
                        {
                            return false;
                        }

                        pi++;
                    }

                    si++;
                    break;
                case '\\' when pi + 1 < p.Length:
                    if (si >= s.Length || s[si] != p[pi + 1])
                    {
                        return false;
                    }

                    pi += 2;
                    si++;
                    break;
                default:
                    if (si >= s.Length || s[si] != c)
                    {
                        return false;
                    }

                    pi++;
                    si++;
                    break;
            }
        }

        return si == s.Length;
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
