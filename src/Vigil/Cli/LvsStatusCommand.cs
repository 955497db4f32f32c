using Vigil.Cli.Daemon;
using Vigil.Config.Model;
using Vigil.Lb;
using Vigil.Linux.Ipvs;

namespace Vigil.Cli;

/// <summary>
/// <c>vigil --lvs-status</c> (Vigil extension): the live load-balancer table in the layout of <c>ipvsadm -Ln</c>. With
/// IPVS the kernel holds the table, so any process can read it; the nftables table does not carry Vigil's model, so the
/// running daemon leaves its formatted table (as of its last change) in <see cref="DaemonPaths.LvsStatusFile"/>.
/// </summary>
internal static class LvsStatusCommand
{
    public static int Run(VigilOptions options, KeepalivedConfig? config, TextWriter stdout, TextWriter stderr)
    {
        var global = config?.Global ?? new GlobalDefsConfig();
        var kind = options.LvsBackend ?? global.LvsBackend;
        string? ipvsReason = null;
        if (kind is LbBackendKind.Ipvs or LbBackendKind.Auto)
        {
            using var client = IpvsClient.TryOpen(out ipvsReason);
            if (client is not null)
            {
                using var backend = new IpvsBackend(client);
                try
                {
                    stdout.Write(LbStatusFormatter.Format(backend.Snapshot()));
                    return 0;
                }
                catch (IOException e)
                {
                    stderr.WriteLine($"vigil: cannot read the IPVS table: {e.Message}");
                    return 1;
                }
            }

            if (kind == LbBackendKind.Ipvs)
            {
                stderr.WriteLine($"vigil: {ipvsReason}");
                return 1;
            }
        }

        var file = DaemonPaths.LvsStatusFile(options, global);
        try
        {
            stdout.Write(File.ReadAllText(file));
            return 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"vigil: no nftables load balancer table from a running vigil ({file}: {e.Message})");
            return 1;
        }
    }
}
