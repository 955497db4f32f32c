namespace Vigil.Linux.VrrpRuntime;

/// <summary>
/// A scan of <c>/proc/[1-9]*</c>: each running (non-zombie) process's name (<c>/proc/PID/comm</c>) and, when asked,
/// its argv (<c>/proc/PID/cmdline</c>). Processes that vanish during the scan are skipped.
/// </summary>
internal static class ProcessTable
{
    public static List<(string Comm, string[] Argv)> Scan(bool withArgv, string root = "/proc")
    {
        var result = new List<(string, string[])>();
        IEnumerable<string> dirs;
        try
        {
            dirs = Directory.EnumerateDirectories(root);
        }
        catch (IOException)
        {
            return result;
        }
        catch (UnauthorizedAccessException)
        {
            return result;
        }

        foreach (var dir in dirs)
        {
            var name = Path.GetFileName(dir);
            if (name.Length == 0 || name[0] is < '1' or > '9' || !name.All(char.IsAsciiDigit))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var close = stat.LastIndexOf(')');
                if (close < 0 || close + 2 >= stat.Length || stat[close + 2] == 'Z')
                {
                    continue;
                }

                var comm = File.ReadAllText(Path.Combine(dir, "comm")).TrimEnd('\n');
                var argv = withArgv
                    ? File.ReadAllText(Path.Combine(dir, "cmdline")).Split('\0', StringSplitOptions.None) is var parts && parts.Length > 0 && parts[^1].Length == 0 ? parts[..^1] : []
                    : [];
                result.Add((comm, argv));
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return result;
    }
}
