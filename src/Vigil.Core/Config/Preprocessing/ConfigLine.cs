using System.Collections.Immutable;

namespace Vigil.Config.Preprocessing;

/// <summary>
/// A logical line handed to the keyword parser. Braces are always lines of their own (keepalived splits
/// <c>{</c> and <c>}</c> out wherever they appear outside quotes), so <c>kw { a b }</c> arrives as four lines.
/// </summary>
internal sealed class ConfigLine(ImmutableArray<ConfigToken> tokens, SourceLocation location, string directory = "/")
{
    public ImmutableArray<ConfigToken> Tokens { get; } = tokens;

    public SourceLocation Location { get; } = location;

    /// <summary>Absolute directory of the file the line came from (relative script paths are resolved against it).</summary>
    public string Directory { get; } = directory;

    public string Keyword => Tokens[0].Text;

    public bool IsOpenBrace => Tokens.Length == 1 && Tokens[0].IsOpenBrace;

    public bool IsCloseBrace => Tokens.Length == 1 && Tokens[0].IsCloseBrace;

    /// <summary>Location of word <paramref name="index"/> (its column when known).</summary>
    public SourceLocation LocationOf(int index) =>
        index < Tokens.Length && Tokens[index].Column is { } c ? Location with { Column = c } : Location;

    public override string ToString() => string.Join(' ', Tokens.Select(t => t.Text));
}
