using Vigil.Config.Model;

namespace Vigil.Cli.Daemon;

/// <summary>
/// Pid file locations as keepalived 2.2.7 computes them (reference §1.4; the man page's "keepalived_vrrp.pid" is
/// wrong): /run/keepalived.pid and /run/vrrp.pid, under /run/keepalived/ with <c>use_pid_dir</c>, and suffixed
/// <c>_NAME</c> (also under /run/keepalived/) with <c>instance NAME</c> or <c>net_namespace NAME</c>.
/// -p / -r / -c override them.
/// </summary>
internal static class DaemonPaths
{
    public static string MainPidFile(VigilOptions options, GlobalDefsConfig global) => options.PidFile ?? Default("keepalived", global);

    public static string VrrpPidFile(VigilOptions options, GlobalDefsConfig global) => options.VrrpPidFile ?? Default("vrrp", global);

    public static string CheckersPidFile(VigilOptions options, GlobalDefsConfig global) => options.CheckersPidFile ?? Default("checkers", global);

    /// <summary>
    /// Vigil: where the checker subsystem leaves the formatted load-balancer table for <c>--lvs-status</c> when the
    /// backend is nftables (the checkers' pid file with <c>.lvs</c> instead of <c>.pid</c>).
    /// </summary>
    public static string LvsStatusFile(VigilOptions options, GlobalDefsConfig global) =>
        Path.ChangeExtension(CheckersPidFile(options, global), ".lvs");

    private static string Default(string stem, GlobalDefsConfig global)
    {
        var name = global.Instance ?? global.NetNamespace;
        var dir = global.UsePidDir || name is not null ? "/run/keepalived" : "/run";
        return name is null ? $"{dir}/{stem}.pid" : $"{dir}/{stem}_{name}.pid";
    }
}
