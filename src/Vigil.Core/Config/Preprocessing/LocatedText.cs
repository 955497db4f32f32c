using System.Text;

namespace Vigil.Config.Preprocessing;

/// <summary>
/// A piece of configuration text with, for each character, the 1-based column it came from in the physical line
/// (<see cref="Columns"/> is null once parameter substitution has produced the text, since columns no longer mean
/// anything then).
/// </summary>
internal readonly struct LocatedText
{
    public LocatedText(string text, int[]? columns)
    {
        Text = text;
        Columns = columns;
    }

    public string Text { get; }

    public int[]? Columns { get; }

    public int Length => Text.Length;

    public static LocatedText FromPhysical(string line)
    {
        var cols = new int[line.Length];
        for (var i = 0; i < cols.Length; i++)
        {
            cols[i] = i + 1;
        }

        return new LocatedText(line, cols);
    }

    public static LocatedText Unlocated(string text) => new(text, null);

    public int? ColumnAt(int index) => Columns is { } c && index < c.Length ? c[index] : null;

    public LocatedText Slice(int start) => Slice(start, Text.Length - start);

    public LocatedText Slice(int start, int length) =>
        new(Text.Substring(start, length), Columns is null ? null : Columns.AsSpan(start, length).ToArray());

    public LocatedText Trim()
    {
        var s = 0;
        var e = Text.Length;
        while (s < e && IsSpace(Text[s]))
        {
            s++;
        }

        while (e > s && IsSpace(Text[e - 1]))
        {
            e--;
        }

        return s == 0 && e == Text.Length ? this : Slice(s, e - s);
    }

    /// <summary>
    /// Removes a trailing comment: <c>#</c> or <c>!</c> outside double quotes starts one; <c>\#</c> and <c>\!</c> stand for the
    /// characters themselves (keepalived.conf(5) and lib/parser behaviour observed with keepalived 2.2.7).
    /// </summary>
    public LocatedText StripComment()
    {
        var text = Text;
        var columns = Columns;
        var quoted = false;
        StringBuilder? sb = null;
        List<int>? cols = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && c == '\\' && i + 1 < text.Length && (text[i + 1] == '#' || text[i + 1] == '!'))
            {
                sb ??= Start(i, out cols);
                sb.Append(text[i + 1]);
                cols?.Add(ColumnAt(i + 1) ?? 0);
                i++;
                continue;
            }
            else if (!quoted && (c == '#' || c == '!'))
            {
                if (sb is null)
                {
                    return Slice(0, i);
                }

                break;
            }

            if (sb is not null)
            {
                sb.Append(c);
                cols?.Add(ColumnAt(i) ?? 0);
            }
        }

        return sb is null ? this : new LocatedText(sb.ToString(), cols?.ToArray());

        StringBuilder Start(int upTo, out List<int>? kept)
        {
            var builder = new StringBuilder(text, 0, upTo, text.Length);
            kept = columns is null ? null : new List<int>(columns.AsSpan(0, upTo).ToArray());
            return builder;
        }
    }

    public static bool IsSpace(char c) => c is ' ' or '\t' or '\v' or '\f' or '\r' or '\n';

    public override string ToString() => Text;
}
