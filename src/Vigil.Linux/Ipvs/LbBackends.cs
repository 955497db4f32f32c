using Vigil.Lb;
using Vigil.Linux.Nft;

namespace Vigil.Linux.Ipvs;

/// <summary>
/// Chooses the load-balancer data plane (global_defs <c>lvs_backend ipvs|nftables|auto</c>). Auto prefers
/// IPVS, the keepalived-compatible one, and falls back to nftables when the kernel has no IPVS. Call it
/// on the thread (network namespace) the backend will program.
/// </summary>
public static class LbBackends
{
    /// <summary>
    /// The backend for <paramref name="kind"/>, or null with every reason it could not be had (for Auto:
    /// why IPVS was not used and why nftables was not either). <paramref name="notes"/> says what auto chose.
    /// </summary>
    public static ILbBackend? Create(LbBackendKind kind, out string? reason, out string? notes, bool nftMasquerade = false, string nftTable = "vigil_lb")
    {
        notes = null;
        string? ipvsReason = null;
        if (kind is LbBackendKind.Ipvs or LbBackendKind.Auto)
        {
            var client = IpvsClient.TryOpen(out ipvsReason);
            if (client is not null)
            {
                reason = null;
                return new IpvsBackend(client);
            }

            if (kind == LbBackendKind.Ipvs)
            {
                reason = ipvsReason;
                return null;
            }
        }

        var nft = NftBackend.TryCreate(out var nftReason, nftTable, nftMasquerade);
        if (nft is not null)
        {
            reason = null;
            notes = kind == LbBackendKind.Auto ? $"using nftables: {ipvsReason}" : null;
            return nft;
        }

        reason = kind == LbBackendKind.Auto ? $"{ipvsReason}; {nftReason}" : nftReason;
        return null;
    }
}
