namespace Vigil.Lb;

/// <summary>Which data plane to use (global_defs <c>lvs_backend ipvs|nftables|auto</c>, wired by the integrator).</summary>
public enum LbBackendKind
{
    /// <summary>IPVS when the kernel has it, nftables otherwise.</summary>
    Auto,

    Ipvs,

    Nftables,
}
