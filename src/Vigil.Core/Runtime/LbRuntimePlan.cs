using System.Collections.Immutable;
using Vigil.Checkers;
using Vigil.Lb;

namespace Vigil.Runtime;

/// <summary>What the checker subsystem runs, mapped from a validated configuration (<see cref="LbSettingsMapper"/>).</summary>
/// <param name="Checkers">The checkers' view of every <c>virtual_server</c>, in configuration order.</param>
/// <param name="Services">The data plane's static view of the same services (scheduler, persistence, group expansion).</param>
/// <param name="Timeouts"><c>lvs_timeouts</c>, or null.</param>
/// <param name="SyncDaemon"><c>lvs_sync_daemon</c>, or null.</param>
/// <param name="Unsupported">One operator line per configured feature that cannot be honoured (logged once at start).</param>
public sealed record LbRuntimePlan(
    ImmutableArray<VirtualServerSettings> Checkers,
    ImmutableArray<LbServicePlan> Services,
    LvsTimeouts? Timeouts,
    LbSyncDaemonPlan? SyncDaemon,
    ImmutableArray<string> Unsupported);
