namespace Vigil.Config;

/// <summary>
/// Where the user wrote something: the file name as given on the command line or in the <c>include</c> line,
/// the 1-based physical line, and the 1-based column when it is known (it is not known for text produced
/// by parameter substitution).
/// </summary>
public readonly record struct SourceLocation(string File, int Line, int? Column = null)
{
    /// <summary>keepalived's prefix for a located message: <c>(FILE: Line N)</c>.</summary>
    public override string ToString() => $"({File}: Line {Line})";
}
