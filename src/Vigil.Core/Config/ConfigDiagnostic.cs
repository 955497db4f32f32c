namespace Vigil.Config;

/// <summary>One problem found in a configuration: severity, where (when known), the keyword concerned, the message
/// (keepalived's wording where keepalived reports the same problem) and an optional hint of ours.</summary>
public sealed record ConfigDiagnostic(
    DiagnosticSeverity Severity,
    SourceLocation? Location,
    string? Keyword,
    string Message,
    string? Hint = null)
{
    /// <summary>The keepalived-style line: <c>(FILE: Line N) message</c>, followed by our hint when there is one.</summary>
    public string Format()
    {
        var text = Location is { } l ? $"{l} {Message}" : Message;
        return Hint is null ? text : $"{text} - {Hint}";
    }

    public override string ToString() => Format();
}
