namespace Vigil.Config.Preprocessing;

/// <summary>One word of a configuration line after comment removal, parameter substitution and quote removal.</summary>
/// <param name="Text">The word; quotes removed (<c>ab" c "d</c> is the one word <c>ab c d</c>, keepalived.conf(5) "Quoted strings").</param>
/// <param name="Column">1-based column in the physical line, when the text was not produced by substitution.</param>
/// <param name="Quoted">True when any part of the word was inside double quotes.</param>
internal readonly record struct ConfigToken(string Text, int? Column, bool Quoted)
{
    public bool IsOpenBrace => !Quoted && Text == "{";

    public bool IsCloseBrace => !Quoted && Text == "}";

    public override string ToString() => Text;
}
