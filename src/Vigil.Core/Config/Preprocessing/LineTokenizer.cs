using System.Collections.Immutable;
using System.Text;

namespace Vigil.Config.Preprocessing;

/// <summary>
/// Splits one line of configuration text into words: whitespace separates words, double quotes group (and are
/// removed, also mid-word), and <c>{</c>/<c>}</c> outside quotes are always words of their own. Single quotes have no
/// meaning here (they only matter inside script strings; observed with keepalived 2.2.7).
/// </summary>
internal static class LineTokenizer
{
    /// <summary>Tokenizes <paramref name="text"/>; <paramref name="unterminatedQuote"/> is set when a quote is not closed
    /// (the rest of the line then belongs to the last word, as keepalived does).</summary>
    public static List<ConfigToken> Tokenize(LocatedText text, out bool unterminatedQuote)
    {
        var tokens = new List<ConfigToken>();
        var s = text.Text;
        var i = 0;
        unterminatedQuote = false;
        var sb = new StringBuilder();
        while (i < s.Length)
        {
            while (i < s.Length && LocatedText.IsSpace(s[i]))
            {
                i++;
            }

            if (i >= s.Length)
            {
                break;
            }

            if (s[i] is '{' or '}')
            {
                tokens.Add(new ConfigToken(s[i].ToString(), text.ColumnAt(i), false));
                i++;
                continue;
            }

            var start = i;
            var quoted = false;
            var inQuote = false;
            sb.Clear();
            while (i < s.Length)
            {
                var c = s[i];
                if (c == '"')
                {
                    inQuote = !inQuote;
                    quoted = true;
                    i++;
                    continue;
                }

                if (!inQuote && (LocatedText.IsSpace(c) || c is '{' or '}'))
                {
                    break;
                }

                sb.Append(c);
                i++;
            }

            if (inQuote)
            {
                unterminatedQuote = true;
            }

            tokens.Add(new ConfigToken(sb.ToString(), text.ColumnAt(start), quoted));
        }

        return tokens;
    }

    /// <summary>Cuts a token list into logical lines at braces: <c>a b { c } d</c> becomes <c>a b</c>, <c>{</c>, <c>c</c>, <c>}</c>, <c>d</c>.</summary>
    public static void SplitAtBraces(List<ConfigToken> tokens, SourceLocation location, string directory, List<ConfigLine> output)
    {
        var current = ImmutableArray.CreateBuilder<ConfigToken>();
        foreach (var t in tokens)
        {
            if (t.IsOpenBrace || t.IsCloseBrace)
            {
                if (current.Count > 0)
                {
                    output.Add(new ConfigLine(current.ToImmutable(), location, directory));
                    current.Clear();
                }

                output.Add(new ConfigLine([t], location, directory));
            }
            else
            {
                current.Add(t);
            }
        }

        if (current.Count > 0)
        {
            output.Add(new ConfigLine(current.ToImmutable(), location, directory));
        }
    }
}
