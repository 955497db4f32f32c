using Vigil.Config.Model;

namespace Vigil.Cli.Daemon;

/// <summary>
/// The seam where the daemon starts: the VRRP, checker and load-balancer streams plug their runners in here.
/// Until then it says so and exits 1.
/// </summary>
internal static class DaemonHost
{
    public static int Run(VigilOptions options, KeepalivedConfig config, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(config);
        stderr.WriteLine("vigil: running the daemon is not available yet; use -t to check a configuration or -d to dump it");
        return 1;
    }
}
