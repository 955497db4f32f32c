using System.Diagnostics;
using System.Text;

namespace Vigil.Testing;

/// <summary>Result of a finished command.</summary>
public sealed record CmdResult(int ExitCode, string StdOut, string StdErr)
{
    public CmdResult EnsureSuccess(string what)
    {
        if (ExitCode != 0)
        {
            throw new InvalidOperationException($"{what} failed with exit code {ExitCode}: {StdErr.Trim()} {StdOut.Trim()}");
        }

        return this;
    }
}

/// <summary>Runs helper programs for tests (ip, nft, tcpdump, keepalived). Never used by the daemon.</summary>
public static class Cmd
{
    public static CmdResult Run(string file, params string[] args) => Run(file, args, TimeSpan.FromSeconds(30));

    public static CmdResult Run(string file, IEnumerable<string> args, TimeSpan timeout, string? stdin = null)
    {
        var psi = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            UseShellExecute = false,
        };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {file}");
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        p.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (stdout) { stdout.AppendLine(e.Data); } } };
        p.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (stderr) { stderr.AppendLine(e.Data); } } };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        if (stdin is not null)
        {
            p.StandardInput.Write(stdin);
            p.StandardInput.Close();
        }

        if (!p.WaitForExit(timeout))
        {
            try
            {
                p.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
            }

            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish within {timeout}");
        }

        p.WaitForExit();
        lock (stdout)
        {
            lock (stderr)
            {
                return new CmdResult(p.ExitCode, stdout.ToString(), stderr.ToString());
            }
        }
    }

    /// <summary>True when an executable of that name is on PATH.</summary>
    public static bool Exists(string name)
    {
        if (name.Contains('/'))
        {
            return File.Exists(name);
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin";
        foreach (var dir in path.Split(':').Concat(["/usr/sbin", "/sbin"]))
        {
            if (File.Exists(Path.Combine(dir, name)))
            {
                return true;
            }
        }

        return false;
    }
}
