using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Vigil.Config.Model;

namespace Vigil.Config.Parsing;

/// <summary>
/// Script command lines: argv splitting as keepalived does it (keepalived.conf(5) "Quoted strings" and "SCRIPTS"):
/// unquoted whitespace separates arguments, single quotes group, backslash escapes <c>\a \b \E \f \n \r \t \v \nnn
/// \xXX \cC</c>, any other <c>\C</c> is C.
/// </summary>
internal static class ScriptParser
{
    /// <summary>A script keyword of the form <c>KW SCRIPT [user [group]]</c> (notify_*, quorum_*, fifo scripts).</summary>
    public static ScriptConfig? WithUser(KeywordArgs a)
    {
        if (!a.Require(1))
        {
            return null;
        }

        return Create(a[0], a.Count > 1 ? a[1] : null, a.Count > 2 ? a[2] : null, a.Location) with { BaseDirectory = a.Line.Directory };
    }

    /// <summary>A script keyword whose whole rest of line is the command (<c>script</c>, <c>misc_path</c>).</summary>
    public static ScriptConfig? WholeLine(KeywordArgs a)
    {
        if (!a.Require(1))
        {
            return null;
        }

        return Create(a.Rest(), null, null, a.Location) with { BaseDirectory = a.Line.Directory };
    }

    public static ScriptConfig Create(string command, string? user, string? group, SourceLocation location) => new()
    {
        CommandLine = command,
        Arguments = SplitArguments(command),
        User = user,
        Group = group,
        Location = location,
    };

    public static ImmutableArray<string> SplitArguments(string command)
    {
        var args = ImmutableArray.CreateBuilder<string>();
        var sb = new StringBuilder();
        var inWord = false;
        var quoted = false;
        for (var i = 0; i < command.Length; i++)
        {
            var c = command[i];
            if (!quoted && char.IsWhiteSpace(c))
            {
                if (inWord)
                {
                    args.Add(sb.ToString());
                    sb.Clear();
                    inWord = false;
                }

                continue;
            }

            inWord = true;
            if (c == '\'')
            {
                quoted = !quoted;
                continue;
            }

            if (c == '\\' && i + 1 < command.Length)
            {
                i = Escape(command, i + 1, sb);
                continue;
            }

            sb.Append(c);
        }

        if (inWord)
        {
            args.Add(sb.ToString());
        }

        return args.ToImmutable();
    }

    /// <summary>Appends the escape starting at <paramref name="i"/> (after the backslash); returns the last index consumed.</summary>
    private static int Escape(string s, int i, StringBuilder sb)
    {
        var c = s[i];
        switch (c)
        {
            case 'a': sb.Append('\a'); return i;
            case 'b': sb.Append('\b'); return i;
            case 'E': sb.Append('\u001b'); return i;
            case 'f': sb.Append('\f'); return i;
            case 'n': sb.Append('\n'); return i;
            case 'r': sb.Append('\r'); return i;
            case 't': sb.Append('\t'); return i;
            case 'v': sb.Append('\v'); return i;
            case 'c' when i + 1 < s.Length:
                sb.Append((char)(char.ToUpperInvariant(s[i + 1]) ^ 0x40));
                return i + 1;
            case 'x':
                {
                    var j = i + 1;
                    while (j < s.Length && Uri.IsHexDigit(s[j]) && j - i <= 2)
                    {
                        j++;
                    }

                    if (j == i + 1)
                    {
                        sb.Append('x');
                        return i;
                    }

                    sb.Append((char)int.Parse(s.AsSpan(i + 1, j - i - 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                    return j - 1;
                }

            case >= '0' and <= '7':
                {
                    var j = i;
                    var v = 0;
                    while (j < s.Length && j - i < 3 && s[j] is >= '0' and <= '7')
                    {
                        v = (v * 8) + (s[j] - '0');
                        j++;
                    }

                    sb.Append((char)(v & 0xff));
                    return j - 1;
                }

            default:
                sb.Append(c);
                return i;
        }
    }
}
