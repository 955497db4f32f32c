using Vigil.Config;

namespace Vigil.Cli.ConfigTest;

/// <summary>
/// <c>-t</c>: prints each diagnostic once, in file order, as keepalived does (<c>(FILE: Line N) message</c>, plus our
/// hint), to stderr or to the <c>-t</c> log file, and returns keepalived's exit status class.
/// </summary>
internal static class ConfigTestCommand
{
    public static int Run(ConfigLoadResult result, string? logFile, TextWriter stderr)
    {
        var lines = result.Diagnostics.Select(d => d.Format()).ToList();
        if (logFile is not null)
        {
            try
            {
                File.WriteAllLines(logFile, lines);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"vigil: cannot write config test log '{logFile}': {e.Message}");
                foreach (var l in lines)
                {
                    stderr.WriteLine(l);
                }
            }
        }
        else
        {
            foreach (var l in lines)
            {
                stderr.WriteLine(l);
            }
        }

        return (int)result.Status;
    }
}
