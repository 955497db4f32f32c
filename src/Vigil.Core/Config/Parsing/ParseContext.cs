namespace Vigil.Config.Parsing;

/// <summary>State shared by all keyword handlers of one parse.</summary>
internal sealed class ParseContext(DiagnosticBag diagnostics)
{
    public DiagnosticBag Diagnostics { get; } = diagnostics;

    /// <summary>Every keyword table, for "did you mean" and "belongs to another block" hints.</summary>
    public List<IKeywordTable> AllTables { get; } = [];

    /// <summary>Where the first script keyword was seen (keepalived reports default-user problems there).</summary>
    public SourceLocation? FirstScriptLocation { get; set; }

    public void NoteScript(SourceLocation at) => FirstScriptLocation ??= at;

    /// <summary>Where selected keywords were last written (for problems found after parsing).</summary>
    public Dictionary<string, SourceLocation> Locations { get; } = new(StringComparer.Ordinal);

    public void Remember(KeywordArgs a) => Locations[a.Keyword] = a.Location;
}
