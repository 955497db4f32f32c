using Vigil.Config.Model;

namespace Vigil.Config;

/// <summary>The outcome of loading a configuration: the resolved model (null only when the main file cannot be read),
/// every diagnostic in file order, and the <c>-t</c> status they amount to.</summary>
public sealed record ConfigLoadResult(KeepalivedConfig? Config, IReadOnlyList<ConfigDiagnostic> Diagnostics, ConfigTestStatus Status)
{
    /// <summary>Files read (absolute paths), main file first.</summary>
    public IReadOnlyList<string> Files { get; init; } = [];

    public static ConfigTestStatus StatusOf(IEnumerable<ConfigDiagnostic> diagnostics)
    {
        var worst = diagnostics.Select(d => (DiagnosticSeverity?)d.Severity).Max();
        return worst switch
        {
            DiagnosticSeverity.Fatal => ConfigTestStatus.Fatal,
            DiagnosticSeverity.Security or DiagnosticSeverity.MissingFile => ConfigTestStatus.ScriptSecurity,
            DiagnosticSeverity.Error => ConfigTestStatus.Errors,
            _ => ConfigTestStatus.Clean,
        };
    }
}
