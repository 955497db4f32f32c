using Vigil.Lb;

namespace Vigil.Runtime;

/// <summary>
/// <c>lvs_sync_daemon</c>: the daemon's settings (its <see cref="SyncDaemon.State"/> is decided at run time) and the VRRP
/// instance it follows. Without an instance keepalived runs both the master and the backup daemon.
/// </summary>
public sealed record LbSyncDaemonPlan(SyncDaemon Daemon, string? VrrpInstance);
