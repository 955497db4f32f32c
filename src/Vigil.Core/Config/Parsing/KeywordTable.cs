namespace Vigil.Config.Parsing;

/// <summary>Handles a value keyword (one line) against the object being built.</summary>
internal delegate void ValueHandler<T>(ref T target, KeywordArgs args);

/// <summary>Receives the items of a value-list block (<c>virtual_ipaddress { ... }</c>).</summary>
internal delegate void ListHandler<T>(ref T target, KeywordArgs header, IReadOnlyList<KeywordArgs> items);

/// <summary>Creates the object a sub-block builds from its parent and header line; null skips the block.</summary>
internal delegate TChild? BlockOpener<T, TChild>(T parent, KeywordArgs header);

/// <summary>Stores a finished sub-block object into its parent.</summary>
internal delegate void BlockCloser<T, TChild>(ref T target, TChild child, KeywordArgs header);

/// <summary>
/// The keywords one block accepts (keepalived's <c>install_keyword</c> list for that block), each with its handler.
/// One table per block; the parser looks keywords up here and nowhere else.
/// </summary>
internal sealed class KeywordTable<T>(string blockName) : IKeywordTable
{
    private readonly Dictionary<string, KeywordEntry<T>> _entries = new(StringComparer.Ordinal);

    public string BlockName { get; } = blockName;

    public IEnumerable<string> Keywords => _entries.Keys;

    public bool TryGet(string keyword, out KeywordEntry<T> entry) => _entries.TryGetValue(keyword, out entry!);

    public bool Contains(string keyword) => _entries.ContainsKey(keyword);

    /// <summary>A keyword whose value is on its own line. <paramref name="minArgs"/> arguments are required.</summary>
    public KeywordTable<T> Value(string keyword, ValueHandler<T> handler, int minArgs = 0)
    {
        _entries[keyword] = new ValueEntry<T>(keyword, handler, minArgs);
        return this;
    }

    /// <summary>A keyword taking no argument (or an optional &lt;BOOL&gt;).</summary>
    public KeywordTable<T> Flag(string keyword, Func<T, bool, T> set) =>
        Value(keyword, (ref T t, KeywordArgs a) =>
        {
            if (a.OptionalBool() is { } v)
            {
                t = set(t, v);
            }
        });

    /// <summary>A value-list block: each line inside the braces is one item.</summary>
    public KeywordTable<T> List(string keyword, ListHandler<T> handler, bool allowsHeaderArgs = false)
    {
        _entries[keyword] = new ListEntry<T>(keyword, handler, allowsHeaderArgs);
        return this;
    }

    /// <summary>A keyword block with its own keyword table.</summary>
    public KeywordTable<T> Block<TChild>(string keyword, KeywordTable<TChild> table, BlockOpener<T, TChild> open, BlockCloser<T, TChild> close)
    {
        _entries[keyword] = new BlockEntry<T, TChild>(keyword, table, open, close);
        return this;
    }

    /// <summary>Registers <paramref name="alias"/> as another name for <paramref name="keyword"/>.</summary>
    public KeywordTable<T> Alias(string alias, string keyword)
    {
        _entries[alias] = _entries[keyword].WithName(alias);
        return this;
    }
}

/// <summary>Non-generic view of a table for "did you mean" and "belongs to another block" hints.</summary>
internal interface IKeywordTable
{
    string BlockName { get; }

    IEnumerable<string> Keywords { get; }

    bool Contains(string keyword);
}

internal abstract class KeywordEntry<T>(string keyword)
{
    public string Keyword { get; } = keyword;

    public abstract void Apply(ConfigParser parser, ref T target, KeywordArgs args);

    public abstract KeywordEntry<T> WithName(string name);
}

internal sealed class ValueEntry<T>(string keyword, ValueHandler<T> handler, int minArgs) : KeywordEntry<T>(keyword)
{
    public override void Apply(ConfigParser parser, ref T target, KeywordArgs args)
    {
        if (minArgs > 0 && !args.Require(minArgs))
        {
            return;
        }

        handler(ref target, args);
    }

    public override KeywordEntry<T> WithName(string name) => new ValueEntry<T>(name, handler, minArgs);
}

internal sealed class ListEntry<T>(string keyword, ListHandler<T> handler, bool allowsHeaderArgs) : KeywordEntry<T>(keyword)
{
    public override void Apply(ConfigParser parser, ref T target, KeywordArgs args)
    {
        if (args.Count > 0 && !allowsHeaderArgs)
        {
            args.Error($"Block {args.Keyword} has extra parameters {args[0]} ...");
        }

        var items = parser.ReadListBlock(args.Line);
        handler(ref target, args, items);
    }

    public override KeywordEntry<T> WithName(string name) => new ListEntry<T>(name, handler, allowsHeaderArgs);
}

internal sealed class BlockEntry<T, TChild>(string keyword, KeywordTable<TChild> table, BlockOpener<T, TChild> open, BlockCloser<T, TChild> close)
    : KeywordEntry<T>(keyword)
{
    public override void Apply(ConfigParser parser, ref T target, KeywordArgs args)
    {
        var child = open(target, args);
        if (child is null)
        {
            parser.SkipBlock(args.Line);
            return;
        }

        parser.EnterBlock(args.Line);
        parser.ParseBody(table, ref child, depth: 1);
        close(ref target, child, args);
    }

    public override KeywordEntry<T> WithName(string name) => new BlockEntry<T, TChild>(name, table, open, close);
}
