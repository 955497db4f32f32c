namespace Vigil.Config.Preprocessing;

/// <summary>
/// <c>$NAME=VALUE</c> definitions (keepalived.conf(5) "Parameter substitution"). Values are stored raw and expanded
/// lazily at use time, so a later redefinition changes later uses. Multi-line values keep their line breaks.
/// </summary>
internal sealed class ParameterTable
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string[]> _lines = new(StringComparer.Ordinal);

    public void Define(string name, string value)
    {
        _values[name] = value;
        _lines.Remove(name);
    }

    /// <summary>The lines of a multi-line value (split once per definition); false for undefined or one-line values.</summary>
    public bool TryGetLines(string name, out string[] lines)
    {
        if (_lines.TryGetValue(name, out lines!))
        {
            return true;
        }

        if (name.Length == 0 || !_values.TryGetValue(name, out var value) || !value.Contains('\n'))
        {
            lines = [];
            return false;
        }

        lines = value.Split('\n');
        _lines[name] = lines;
        return true;
    }

    public bool TryGet(string name, out string value) => _values.TryGetValue(name, out value!);

    public bool IsDefined(string name) => _values.ContainsKey(name);

    public static bool IsNameStart(char c) => c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or '_';

    public static bool IsNameChar(char c) => IsNameStart(c) || c is >= '0' and <= '9';

    /// <summary>True when <paramref name="name"/> is a valid parameter name (<c>[A-Za-z_][A-Za-z0-9_]*</c>).</summary>
    public static bool IsValidName(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty || !IsNameStart(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!IsNameChar(c))
            {
                return false;
            }
        }

        return true;
    }
}
