using System.Globalization;
using System.Net;
using Vigil.Config.Preprocessing;

namespace Vigil.Config.Parsing;

/// <summary>
/// The words of one keyword line plus helpers that parse values the way keepalived does and report problems
/// with keepalived's wording. Index 0 is the first argument (the keyword itself is <see cref="Keyword"/>).
/// </summary>
internal sealed class KeywordArgs(ConfigLine line, DiagnosticBag diagnostics, ParseContext context)
{
    public ConfigLine Line { get; } = line;

    public DiagnosticBag Diagnostics { get; } = diagnostics;

    public ParseContext Context { get; } = context;

    public string Keyword => Line.Keyword;

    public int Count => Line.Tokens.Length - 1;

    public string this[int index] => Line.Tokens[index + 1].Text;

    public SourceLocation Location => Line.Location;

    public SourceLocation LocationOf(int index) => Line.LocationOf(index + 1);

    /// <summary>The arguments from <paramref name="start"/> on.</summary>
    public IEnumerable<string> From(int start)
    {
        for (var i = start; i < Count; i++)
        {
            yield return this[i];
        }
    }

    /// <summary>All arguments joined by a space (for free text such as a router id with spaces).</summary>
    public string Rest(int start = 0) => string.Join(' ', From(start));

    public void Error(string message, string? hint = null) => Diagnostics.Error(Location, Keyword, message, hint);

    public void ErrorAt(int index, string message, string? hint = null) => Diagnostics.Error(LocationOf(index), Keyword, message, hint);

    public void Warning(string message, string? hint = null) => Diagnostics.Warning(Location, Keyword, message, hint);

    /// <summary>Requires at least <paramref name="n"/> arguments; reports a missing parameter otherwise.</summary>
    public bool Require(int n)
    {
        if (Count >= n)
        {
            return true;
        }

        Error($"Configuration line starting `{Keyword}` is missing a parameter after keyword `{Keyword}` at word position {Count + 2}");
        return false;
    }

    /// <summary>
    /// keepalived's integer reader: decimal (or 0x hex), range-checked. Reports "invalid number 'X'" or
    /// "number 'N' outside range [MIN, MAX]" and returns false (the caller keeps the previous value).
    /// </summary>
    public bool TryInt(int index, long min, long max, out long value, bool report = true)
    {
        value = 0;
        if (index >= Count)
        {
            Require(index + 1);
            return false;
        }

        var text = this[index];
        if (!TryParseInteger(text, out value))
        {
            if (report)
            {
                ErrorAt(index, $"invalid number '{text}'");
            }

            return false;
        }

        if (value < min || value > max)
        {
            if (report)
            {
                ErrorAt(index, $"number '{text}' outside range [{min}, {max}]");
            }

            return false;
        }

        return true;
    }

    public bool TryInt(int index, int min, int max, out int value, bool report = true)
    {
        var ok = TryInt(index, (long)min, max, out var v, report);
        value = (int)v;
        return ok;
    }

    public static bool TryParseInteger(string text, out long value)
    {
        value = 0;
        if (text.Length == 0)
        {
            return false;
        }

        var negative = text[0] == '-';
        var body = text[0] is '-' or '+' ? text.AsSpan(1) : text.AsSpan();
        bool ok;
        if (body.StartsWith("0x", StringComparison.OrdinalIgnoreCase) && body.Length > 2)
        {
            ok = long.TryParse(body[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
        }
        else
        {
            ok = long.TryParse(body, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        }

        if (ok && negative)
        {
            value = -value;
        }

        return ok;
    }

    /// <summary>
    /// A decimal number of seconds with at most 6 decimal places (keepalived's &lt;TIMER&gt;, microsecond resolution),
    /// range-checked in seconds.
    /// </summary>
    public bool TryTimer(int index, double minSeconds, double maxSeconds, out TimeSpan value, bool report = true)
    {
        value = TimeSpan.Zero;
        if (index >= Count)
        {
            Require(index + 1);
            return false;
        }

        var text = this[index];
        if (!TryParseDecimal(text, 6, out var micro, out var tooManyPlaces))
        {
            if (report)
            {
                ErrorAt(index, tooManyPlaces ? $"number '{text}' has too many decimal places" : $"invalid number '{text}'");
            }

            return false;
        }

        var seconds = micro / 1_000_000.0;
        if (seconds < minSeconds || seconds > maxSeconds)
        {
            if (report)
            {
                ErrorAt(index, $"number '{text}' outside range [{Format(minSeconds)}, {Format(maxSeconds)}]");
            }

            return false;
        }

        value = TimeSpan.FromTicks(micro * 10);
        return true;
    }

    private static string Format(double seconds) => seconds.ToString("0.######", CultureInfo.InvariantCulture);

    /// <summary>Parses "12", "1.5", ".25" into units of 10^-<paramref name="places"/>.</summary>
    public static bool TryParseDecimal(string text, int places, out long scaled, out bool tooManyPlaces)
    {
        scaled = 0;
        tooManyPlaces = false;
        var s = text.AsSpan();
        var negative = false;
        if (s.Length > 0 && s[0] is '-' or '+')
        {
            negative = s[0] == '-';
            s = s[1..];
        }

        var dot = s.IndexOf('.');
        var whole = dot < 0 ? s : s[..dot];
        var frac = dot < 0 ? [] : s[(dot + 1)..];
        if (whole.Length == 0 && frac.Length == 0)
        {
            return false;
        }

        long w = 0;
        if (whole.Length > 0 && !long.TryParse(whole, NumberStyles.None, CultureInfo.InvariantCulture, out w))
        {
            return false;
        }

        foreach (var c in frac)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        if (frac.Length > places)
        {
            // Trailing zeros beyond the resolution are harmless.
            if (frac[places..].ContainsAnyExcept('0'))
            {
                tooManyPlaces = true;
                return false;
            }

            frac = frac[..places];
        }

        if (w > long.MaxValue / 10_000_000)
        {
            return false;
        }

        long f = 0;
        for (var i = 0; i < places; i++)
        {
            f = (f * 10) + (i < frac.Length ? frac[i] - '0' : 0);
        }

        long scale = 1;
        for (var i = 0; i < places; i++)
        {
            scale *= 10;
        }

        scaled = (w * scale) + f;
        if (negative)
        {
            scaled = -scaled;
        }

        return true;
    }

    /// <summary>
    /// An optional &lt;BOOL&gt; argument (on|off|true|false|yes|no); a bare keyword means true. Reports
    /// "Invalid value 'X' for KEYWORD specified" and returns null on a bad value.
    /// </summary>
    public bool? OptionalBool(int index = 0)
    {
        if (index >= Count)
        {
            return true;
        }

        var v = ParseBool(this[index]);
        if (v is null)
        {
            ErrorAt(index, $"Invalid value '{this[index]}' for {Keyword} specified");
        }

        return v;
    }

    public static bool? ParseBool(string text) => text.ToLowerInvariant() switch
    {
        "on" or "true" or "yes" => true,
        "off" or "false" or "no" => false,
        _ => null,
    };

    /// <summary>An IP address (no prefix).</summary>
    public bool TryAddress(int index, out IPAddress address, bool report = true)
    {
        address = IPAddress.None;
        if (index >= Count)
        {
            Require(index + 1);
            return false;
        }

        if (AddressParser.TryParseAddress(this[index], out address))
        {
            return true;
        }

        if (report)
        {
            ErrorAt(index, $"Invalid address '{this[index]}'");
        }

        return false;
    }

    /// <summary>A TCP/UDP port 0..65535 (numeric or a service name keepalived would resolve; we accept numbers only).</summary>
    public bool TryPort(int index, out ushort port, bool report = true)
    {
        port = 0;
        if (TryInt(index, 0, 65535, out int p, report))
        {
            port = (ushort)p;
            return true;
        }

        return false;
    }
}
