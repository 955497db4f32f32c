namespace Vigil.Cli;

/// <summary>An option found on the command line and its value (null when none was given).</summary>
internal sealed record ParsedOption(OptionSpec Spec, string? Value);
