namespace Vigil.Config;

/// <summary>
/// How bad a configuration diagnostic is. The order matters: the worst severity decides the
/// <c>-t</c> exit status (<see cref="ConfigTestStatus"/>).
/// </summary>
public enum DiagnosticSeverity
{
    /// <summary>Information that keepalived does not report as a problem (e.g. a missing file under a plain <c>include</c>).</summary>
    Warning,

    /// <summary>A configuration error; keepalived reports it, repairs or ignores the entry and would still run (status 5).</summary>
    Error,

    /// <summary>A missing file under an include check (<c>includea</c>, <c>include_check</c>, <c>-e</c>); keepalived 2.2.7 exits 6 for these.</summary>
    MissingFile,

    /// <summary>Scripts would run as root without <c>enable_script_security</c> (status 6).</summary>
    Security,

    /// <summary>The configuration cannot be used at all (the main file cannot be read) (status 4).</summary>
    Fatal,
}
