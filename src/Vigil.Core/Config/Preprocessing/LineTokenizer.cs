using System.Collections.Immutable;
using System.Runtime.InteropServices;
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
    public static List<ConfigToken> Tokenize(LocatedText text, out bool unterminatedQuote) =>
        Tokenize(text, out unterminatedQuote, [], new StringBuilder());

    /// <summary>Tokenizes into <paramref name="tokens"/> (cleared first) using <paramref name="sb"/> as scratch space.</summary>
    public static List<ConfigToken> Tokenize(LocatedText text, out bool unterminatedQuote, List<ConfigToken> tokens, StringBuilder sb)
    {
        tokens.Clear();
        var s = text.Text;
        var i = 0;
        unterminatedQuote = false;
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

            // Fast path: a plain word (no quote) is a substring of the line.
            var j = i;
            while (j < s.Length && !LocatedText.IsSpace(s[j]) && s[j] is not ('{' or '}' or '"'))
            {
                j++;
            }

            if (j == s.Length || s[j] != '"')
            {
                tokens.Add(new ConfigToken(s[i..j], text.ColumnAt(start), false));
                i = j;
                continue;
            }

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
        if (!tokens.Exists(t => t.IsOpenBrace || t.IsCloseBrace))
        {
            output.Add(new ConfigLine(ImmutableCollectionsMarshal.AsImmutableArray(tokens.ToArray()), location, directory));
            return;
        }

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
