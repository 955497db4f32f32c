using Vigil.Lb;
using Vigil.Linux.Ipvs;
using Vigil.Linux.Nft;
using Vigil.Testing;

namespace Vigil.Linux.Tests.Ipvs;

/// <summary>
/// Backend choice on the machine the tests run on. This kernel has no IPVS (so IPVS must be a clear
/// "not available", not an exception), and auto must then pick nftables; in the IPVS lane it is the
/// other way round (tools/ipvs-lane).
/// </summary>
public class LbBackendsTests
{
    private static bool HostHasIpvs => File.Exists("/proc/net/ip_vs");

    [NetFact("nft")]
    public void TryOpen_WithoutIpvs_SaysNotAvailable()
    {
        using var lab = new Lab();
        var h = lab.Host("a");

        var (client, reason) = h.Run(() => (IpvsClient.TryOpen(out var r), r));

        if (HostHasIpvs)
        {
            Assert.NotNull(client);
            client!.Dispose();
            return;
        }

        Assert.Null(client);
        Assert.StartsWith("IPVS not available", reason, StringComparison.Ordinal);
    }

    [NetFact("nft")]
    public void Create_Auto_FallsBackToNftablesAndSaysWhy()
    {
        using var lab = new Lab();
        var h = lab.Host("a");

        var (backend, reason, notes) = h.Run(() => (LbBackends.Create(LbBackendKind.Auto, out var r, out var n), r, n));
        using (backend)
        {
            Assert.Null(reason);
            if (HostHasIpvs)
            {
                Assert.IsType<IpvsBackend>(backend);
                return;
            }

            Assert.IsType<NftBackend>(backend);
            Assert.Contains("IPVS not available", notes, StringComparison.Ordinal);
        }
    }

    [NetFact("nft")]
    public void Create_IpvsOnly_WithoutIpvs_ReturnsNullWithReason()
    {
        if (HostHasIpvs)
        {
            return;
        }

        using var lab = new Lab();
        var h = lab.Host("a");

        var (backend, reason) = h.Run(() => (LbBackends.Create(LbBackendKind.Ipvs, out var r, out _), r));

        Assert.Null(backend);
        Assert.StartsWith("IPVS not available", reason, StringComparison.Ordinal);
    }
}
