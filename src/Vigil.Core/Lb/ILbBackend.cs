namespace Vigil.Lb;

/// <summary>
/// The load-balancer data plane port: IPVS over generic netlink, or nftables when the kernel has no IPVS.
/// Implementations are driven from one thread (the LB runner); OS failures come back as
/// <see cref="LbFailure"/>s, never as exceptions from <see cref="Apply"/> (<see cref="Snapshot"/> and
/// <see cref="Clear"/> may throw the adapter's IOException subtype). Disposing releases the backend's
/// resources but leaves the programmed table in place, so a restart does not drop traffic; only
/// <see cref="Clear"/> removes it.
/// </summary>
public interface ILbBackend : IDisposable
{
    /// <summary>"ipvs" or "nftables".</summary>
    string Name { get; }

    /// <summary>What this backend cannot program in <paramref name="desired"/> (e.g. DR with nftables), as errors naming the service.</summary>
    IReadOnlyList<LbProblem> Check(LbState desired);

    /// <summary>
    /// Reads what is programmed, diffs it against <paramref name="desired"/> and carries out the minimal
    /// operations. Services <see cref="Check"/> rejects are left out (and reported as failures).
    /// </summary>
    LbApplyResult Apply(LbState desired);

    /// <summary>The live table with counters.</summary>
    LbSnapshot Snapshot();

    /// <summary>Removes everything this backend programmed (keepalived <c>lvs_flush_on_stop</c>; the nftables table).</summary>
    void Clear();
}
