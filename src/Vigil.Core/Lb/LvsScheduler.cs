namespace Vigil.Lb;

/// <summary>IPVS scheduler names keepalived accepts for <c>lvs_sched</c> / <c>lb_algo</c>.</summary>
public static class LvsScheduler
{
    /// <summary>keepalived's default scheduler (keepalived.conf(5): lvs_sched, default wlc).</summary>
    public const string Default = "wlc";

    /// <summary>Every scheduler name keepalived 2.2.7 accepts (keepalived.conf(5)).</summary>
    public static IReadOnlyList<string> All { get; } =
        ["rr", "wrr", "lc", "wlc", "lblc", "sh", "mh", "dh", "fo", "ovf", "lblcr", "sed", "nq", "twos"];

    public static bool IsKnown(string name) => All.Contains(name, StringComparer.Ordinal);
}
