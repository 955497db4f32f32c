namespace Vigil.Config;

/// <summary>Collects diagnostics in the order they are found; never throws and never stops at the first one.</summary>
internal sealed class DiagnosticBag
{
    /// <summary>After this many diagnostics further ones are counted but not kept (a 10 MB garbage file must not
    /// produce a 10 MB report).</summary>
    public const int MaxKept = 10_000;

    private readonly List<ConfigDiagnostic> _items = [];

    public int Count => _items.Count + Dropped;

    public int Dropped { get; private set; }

    public IReadOnlyList<ConfigDiagnostic> Items => _items;

    public bool HasErrors => _items.Exists(d => d.Severity >= DiagnosticSeverity.Error) || Dropped > 0;

    public void Add(ConfigDiagnostic diagnostic)
    {
        if (_items.Count >= MaxKept)
        {
            Dropped++;
            return;
        }

        _items.Add(diagnostic);
    }

    public void Error(SourceLocation? at, string? keyword, string message, string? hint = null) =>
        Add(new ConfigDiagnostic(DiagnosticSeverity.Error, at, keyword, message, hint));

    public void Warning(SourceLocation? at, string? keyword, string message, string? hint = null) =>
        Add(new ConfigDiagnostic(DiagnosticSeverity.Warning, at, keyword, message, hint));
}
