namespace Vigil.Cli;

/// <summary>One command-line option as getopt_long(3) sees it.</summary>
/// <param name="Short">The short letter, or '\0' for long-only options.</param>
/// <param name="Long">The long name without dashes, or null.</param>
/// <param name="Argument">Whether it takes a value.</param>
internal sealed record OptionSpec(char Short, string? Long, OptionArgument Argument)
{
    public string Display => Long is null ? $"-{Short}" : Short == '\0' ? $"--{Long}" : $"-{Short}, --{Long}";
}
