using Vigil.Config.Preprocessing;

namespace Vigil.Config.Parsing;

/// <summary>
/// The keyword-tree walker: feeds logical lines to the keyword tables of the blocks they are in. Structure
/// problems are reported with keepalived's messages ("Unknown keyword", "Unexpected '{' - ignoring",
/// "Extra '}' found", "Missing '{' at beginning of configuration block", "There are N missing '}'s or extra '{'s").
/// One deliberate difference: the block of an unknown keyword is skipped as a whole (keepalived parses its contents
/// as keywords of the enclosing block, which turns one typo into a cascade of errors).
/// </summary>
internal sealed class ConfigParser(IEnumerable<ConfigLine> lines, ParseContext context)
{
    private readonly IEnumerator<ConfigLine> _lines = lines.GetEnumerator();
    private ConfigLine? _peeked;
    private bool _done;
    private int _unclosed;

    /// <summary>The next line without consuming it, or null at the end of input.</summary>
    private ConfigLine? Peek()
    {
        if (_peeked is null && !_done)
        {
            if (_lines.MoveNext())
            {
                _peeked = _lines.Current;
            }
            else
            {
                _done = true;
            }
        }

        return _peeked;
    }

    private bool TryNext(out ConfigLine line)
    {
        line = Peek()!;
        _peeked = null;
        return line is not null;
    }

    public ParseContext Context { get; } = context;

    public DiagnosticBag Diagnostics => Context.Diagnostics;

    /// <summary>Parses the whole input against the root table.</summary>
    public void ParseAll<T>(KeywordTable<T> root, ref T target)
    {
        ParseBody(root, ref target, depth: 0);
        _lines.Dispose();
        if (_unclosed > 0)
        {
            Diagnostics.Error(null, null, $"There are {_unclosed} missing '}}'s or extra '{{'s");
        }
    }

    /// <summary>Parses keyword lines until the closing brace of this block (or the end of input).</summary>
    public void ParseBody<T>(KeywordTable<T> table, ref T target, int depth)
    {
        while (TryNext(out var line))
        {
            if (line.IsCloseBrace)
            {
                if (depth > 0)
                {
                    return;
                }

                Diagnostics.Error(line.Location, null, "Extra '}' found");
                continue;
            }

            if (line.IsOpenBrace)
            {
                Diagnostics.Error(line.Location, null, "Unexpected '{' - ignoring");
                continue;
            }

            var args = new KeywordArgs(line, Diagnostics, Context);
            if (table.TryGet(line.Keyword, out var entry))
            {
                entry.Apply(this, ref target, args);
                continue;
            }

            UnknownKeyword(table, line);
        }

        if (depth > 0)
        {
            _unclosed++;
        }
    }

    private void UnknownKeyword(IKeywordTable table, ConfigLine line)
    {
        var kw = line.Keyword;
        var hint = Hint(table, kw);
        var skipped = NextIsOpenBrace();
        if (skipped)
        {
            SkipBlock(line);
            hint = hint is null ? "its block is skipped" : hint + "; its block is skipped";
        }

        Diagnostics.Error(line.LocationOf(0), kw, $"Unknown keyword '{kw}'", hint);
    }

    private string? Hint(IKeywordTable table, string kw)
    {
        var suggestion = DidYouMean.Suggest(kw, table.Keywords);
        if (suggestion is not null)
        {
            return $"did you mean '{suggestion}'?";
        }

        var owners = Context.AllTables.Where(t => t != table && t.Contains(kw)).Select(t => t.BlockName).Distinct().ToList();
        if (owners.Count > 0)
        {
            return $"'{kw}' belongs in {string.Join(" or ", owners)}, not in {table.BlockName}";
        }

        return null;
    }

    private bool NextIsOpenBrace() => Peek() is { IsOpenBrace: true };

    /// <summary>Consumes the '{' that opens a keyword block, reporting it when missing.</summary>
    public void EnterBlock(ConfigLine header)
    {
        if (NextIsOpenBrace())
        {
            TryNext(out _);
            return;
        }

        var at = Peek()?.Location ?? header.Location;
        Diagnostics.Error(at, header.Keyword, "Missing '{' at beginning of configuration block");
    }

    /// <summary>Skips a balanced block if one follows.</summary>
    public void SkipBlock(ConfigLine header)
    {
        if (!NextIsOpenBrace())
        {
            return;
        }

        var depth = 0;
        while (TryNext(out var l))
        {
            if (l.IsOpenBrace)
            {
                depth++;
            }
            else if (l.IsCloseBrace && --depth == 0)
            {
                return;
            }
        }

        _unclosed += depth;
    }

    /// <summary>
    /// Reads the items of a value-list block: an optional '{', then one item per line until the matching '}'.
    /// Nested braces are kept as items (keepalived reports them as invalid entries).
    /// </summary>
    public IReadOnlyList<KeywordArgs> ReadListBlock(ConfigLine header)
    {
        var items = new List<KeywordArgs>();
        if (NextIsOpenBrace())
        {
            TryNext(out _);
        }

        var depth = 1;
        while (TryNext(out var l))
        {
            if (l.IsCloseBrace)
            {
                if (--depth == 0)
                {
                    return items;
                }
            }
            else if (l.IsOpenBrace)
            {
                depth++;
            }

            items.Add(new KeywordArgs(l, Diagnostics, Context));
        }

        _unclosed += depth;
        return items;
    }
}
