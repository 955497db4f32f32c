using System.Globalization;

namespace Vigil.Config.Preprocessing;

/// <summary>
/// <c>~SEQ(var, start, step, end)</c>, <c>~SEQx(...)</c> and <c>~LST(var, v1, v2, ...)</c> /
/// <c>~LST({a,b}, {1,2}, {3,4})</c> at the start of a line (keepalived.conf(5) "Sequence blocks", "List blocks").
/// </summary>
internal static class Generators
{
    /// <summary>One iteration: parameter name/value pairs to define before processing the rest of the line.</summary>
    public sealed record Iteration(IReadOnlyList<(string Name, string Value)> Bindings);

    /// <summary>
    /// Parses a generator at the start of <paramref name="text"/>. Returns false when the text does not start with one.
    /// On a malformed generator, <paramref name="error"/> is set and no iterations are produced.
    /// </summary>
    public static bool TryParse(string text, long maxIterations, out List<Iteration> iterations, out string rest, out string? error)
    {
        iterations = [];
        rest = string.Empty;
        error = null;
        bool hex;
        int argsStart;
        var isList = false;
        if (text.StartsWith("~SEQx(", StringComparison.Ordinal))
        {
            hex = true;
            argsStart = 6;
        }
        else if (text.StartsWith("~SEQ(", StringComparison.Ordinal))
        {
            hex = false;
            argsStart = 5;
        }
        else if (text.StartsWith("~LST(", StringComparison.Ordinal))
        {
            hex = false;
            argsStart = 5;
            isList = true;
        }
        else
        {
            return false;
        }

        var close = FindClose(text, argsStart - 1);
        if (close < 0)
        {
            error = "missing ')' in " + text[..(argsStart - 1)];
            return true;
        }

        var args = SplitTopLevel(text[argsStart..close]);
        rest = text[(close + 1)..].TrimStart();
        if (isList)
        {
            ParseList(args, maxIterations, iterations, ref error);
        }
        else
        {
            ParseSeq(args, hex, maxIterations, iterations, ref error);
        }

        return true;
    }

    private static void ParseSeq(List<string> args, bool hex, long max, List<Iteration> output, ref string? error)
    {
        if (args.Count is < 2 or > 4 || !ParameterTable.IsValidName(args[0]))
        {
            error = "~SEQ needs (variable, [start, [step,]] end)";
            return;
        }

        var nums = new long[args.Count - 1];
        for (var i = 1; i < args.Count; i++)
        {
            if (!TryNumber(args[i], out nums[i - 1]))
            {
                error = $"invalid ~SEQ number '{args[i]}'";
                return;
            }
        }

        long start, step, end;
        switch (nums.Length)
        {
            case 1:
                end = nums[0];
                start = end < 0 ? -1 : 1;
                step = end < start ? -1 : 1;
                break;
            case 2:
                start = nums[0];
                end = nums[1];
                step = end < start ? -1 : 1;
                break;
            default:
                start = nums[0];
                step = nums[1];
                end = nums[2];
                break;
        }

        if (step == 0)
        {
            error = "~SEQ step cannot be 0";
            return;
        }

        if (hex && (start < 0 || end < 0))
        {
            error = "~SEQx values must not be negative";
            return;
        }

        for (var v = start; step > 0 ? v <= end : v >= end; v += step)
        {
            if (output.Count >= max)
            {
                error = $"~SEQ produces more than {max} values";
                output.Clear();
                return;
            }

            var text = hex ? v.ToString("x", CultureInfo.InvariantCulture) : v.ToString(CultureInfo.InvariantCulture);
            output.Add(new Iteration([(args[0], text)]));
        }
    }

    private static void ParseList(List<string> args, long max, List<Iteration> output, ref string? error)
    {
        if (args.Count < 2)
        {
            error = "~LST needs (variable, value, ...)";
            return;
        }

        var names = Group(args[0]);
        if (names.Count == 0 || names.Exists(n => !ParameterTable.IsValidName(n)))
        {
            error = $"invalid ~LST variable '{args[0]}'";
            return;
        }

        foreach (var raw in args.Skip(1))
        {
            var values = names.Count == 1 && !raw.StartsWith('{') ? [raw] : Group(raw);
            if (values.Count != names.Count)
            {
                error = $"~LST value '{raw}' does not have {names.Count} element(s)";
                output.Clear();
                return;
            }

            if (output.Count >= max)
            {
                error = $"~LST produces more than {max} values";
                output.Clear();
                return;
            }

            output.Add(new Iteration(names.Select((n, i) => (n, values[i])).ToList()));
        }
    }

    private static List<string> Group(string s)
    {
        s = s.Trim();
        if (s.StartsWith('{') && s.EndsWith('}'))
        {
            return SplitTopLevel(s[1..^1]);
        }

        return [s];
    }

    private static bool TryNumber(string s, out long value)
    {
        s = s.Trim();
        var negative = s.StartsWith('-');
        var body = negative || s.StartsWith('+') ? s[1..] : s;
        bool ok;
        if (body.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            ok = long.TryParse(body[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
        }
        else
        {
            ok = long.TryParse(body, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        }

        if (negative)
        {
            value = -value;
        }

        return ok && Math.Abs(value) < 1L << 40;
    }

    private static int FindClose(string text, int open)
    {
        var depth = 0;
        for (var i = open; i < text.Length; i++)
        {
            if (text[i] is '(' or '{')
            {
                depth++;
            }
            else if (text[i] is ')' or '}')
            {
                depth--;
                if (depth == 0)
                {
                    return text[i] == ')' ? i : -1;
                }
            }
        }

        return -1;
    }

    private static List<string> SplitTopLevel(string s)
    {
        var parts = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == '{')
            {
                depth++;
            }
            else if (s[i] == '}')
            {
                depth--;
            }
            else if (s[i] == ',' && depth == 0)
            {
                parts.Add(s[start..i].Trim());
                start = i + 1;
            }
        }

        parts.Add(s[start..].Trim());
        return parts;
    }
}
