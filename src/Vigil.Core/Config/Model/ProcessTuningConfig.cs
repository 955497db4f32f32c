using System.Collections.Immutable;
using System.Net;

namespace Vigil.Config.Model;

/// <summary>Scheduling settings of one keepalived child (<c>vrrp_*</c>, <c>checker_*</c>, <c>bfd_*</c> prefixes).</summary>
public sealed record ProcessTuningConfig
{
    /// <summary>Nice value -20..19.</summary>
    public int? Priority { get; init; }

    public bool NoSwap { get; init; }

    /// <summary>SCHED_RR priority 1..99.</summary>
    public int? RealtimePriority { get; init; }

    public ImmutableArray<int> CpuAffinity { get; init; } = [];

    /// <summary>RLIMIT_RTTIME in microseconds (default 10000 when realtime scheduling is used).</summary>
    public long? RlimitRttime { get; init; }
}
