using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace Vigil.Linux.Scripts;

/// <summary>
/// keepalived's splitting of a script string into argv (observed on keepalived 2.2.7 with track scripts,
/// see docs/checkers.md): first the C escapes are decoded over the whole string — <c>\a \b \E \f \n \r \t \v</c>,
/// <c>\nnn</c> octal, <c>\xHH…</c> hex (every following hex digit is taken, the value truncated to a byte),
/// <c>\cX</c> control, any other <c>\X</c> is X, and a NUL ends the string — then the result is split on
/// unquoted whitespace, where single quotes group (and disappear) and double quotes are ordinary
/// characters. So an escape that yields a space or a quote acts as one: <c>a\ b</c> is two words,
/// <c>\'x y\'</c> one. Nothing else is interpreted: no <c>$VAR</c>, globs, <c>~</c>, redirections or
/// <c>;</c> (those need an explicit <c>/bin/sh -c</c>).
/// </summary>
public static class ScriptCommandLine
{
    public static ImmutableArray<string> Split(string commandLine)
    {
        ArgumentNullException.ThrowIfNull(commandLine);
        var decoded = DecodeEscapes(commandLine);
        var words = ImmutableArray.CreateBuilder<string>();
        var current = new StringBuilder();
        var inWord = false;
        var inQuote = false;
        foreach (var c in decoded)
        {
            if (inQuote)
            {
                if (c == '\'')
                {
                    inQuote = false;
                }
                else
                {
                    current.Append(c);
                }

                continue;
            }

            if (c == '\'')
            {
                inQuote = true;
                inWord = true;
                continue;
            }

            if (IsSpace(c))
            {
                if (inWord)
                {
                    words.Add(current.ToString());
                    current.Clear();
                    inWord = false;
                }

                continue;
            }

            current.Append(c);
            inWord = true;
        }

        if (inWord)
        {
            words.Add(current.ToString());
        }

        return words.ToImmutable();
    }

    /// <summary>
    /// Quotes a word for /bin/sh (POSIX single quotes), used when extra arguments are appended to a
    /// command that runs through the shell. keepalived's own splitting has no way to express a literal
    /// single quote, so this is shell quoting only.
    /// </summary>
    public static string ShellQuote(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || "-_./:=@%+,".Contains(c, StringComparison.Ordinal)))
        {
            return word;
        }

        return "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }

    // isspace() in the C locale.
    private static bool IsSpace(char c) => c is ' ' or '\t' or '\n' or '\v' or '\f' or '\r';

    private static string DecodeEscapes(string s)
    {
        if (!s.Contains('\\', StringComparison.Ordinal) && !s.Contains('\0', StringComparison.Ordinal))
        {
            return s;
        }

        var sb = new StringBuilder(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c == '\0')
            {
                break;
            }

            if (c != '\\' || i + 1 >= s.Length)
            {
                sb.Append(c);
                continue;
            }

            var e = s[++i];
            switch (e)
            {
                case 'a': sb.Append('\a'); break;
                case 'b': sb.Append('\b'); break;
                case 'E': sb.Append('\u001b'); break;
                case 'f': sb.Append('\f'); break;
                case 'n': sb.Append('\n'); break;
                case 'r': sb.Append('\r'); break;
                case 't': sb.Append('\t'); break;
                case 'v': sb.Append('\v'); break;
                case 'x':
                    {
                        var start = i + 1;
                        var end = start;
                        while (end < s.Length && char.IsAsciiHexDigit(s[end]))
                        {
                            end++;
                        }

                        if (end == start)
                        {
                            sb.Append('x');
                            break;
                        }

                        // C reads every hex digit; the value is truncated to a byte (observed: \x20B is 0x0B).
                        var tail = s.AsSpan(start, end - start);
                        if (tail.Length > 2)
                        {
                            tail = tail[^2..];
                        }

                        var v = int.Parse(tail, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                        if (v == 0)
                        {
                            return sb.ToString();
                        }

                        sb.Append((char)v);
                        i = end - 1;
                        break;
                    }

                case 'c':
                    if (i + 1 < s.Length)
                    {
                        var ctl = s[++i] & 0x1f;
                        if (ctl == 0)
                        {
                            return sb.ToString();
                        }

                        sb.Append((char)ctl);
                    }
                    else
                    {
                        sb.Append('c');
                    }

                    break;
                case >= '0' and <= '7':
                    {
                        var v = e - '0';
                        var n = 1;
                        while (n < 3 && i + 1 < s.Length && s[i + 1] is >= '0' and <= '7')
                        {
                            v = (v * 8) + (s[++i] - '0');
                            n++;
                        }

                        v &= 0xff;
                        if (v == 0)
                        {
                            return sb.ToString();
                        }

                        sb.Append((char)v);
                        break;
                    }

                default:
                    sb.Append(e);
                    break;
            }
        }

        return sb.ToString();
    }
}
