using Vigil.Lb;
using Vigil.Linux.VrrpRuntime;

namespace Vigil.Linux.Ipvs;

/// <summary><see cref="ISyncDaemonControl"/> over IPVS generic netlink (IPVS_CMD_NEW_DAEMON / DEL_DAEMON).</summary>
public sealed class IpvsSyncDaemonControl(IpvsClient client) : ISyncDaemonControl
{
    public void Start(SyncDaemon daemon) => client.StartSyncDaemon(daemon);

    public void Stop(SyncDaemonState state) => client.StopSyncDaemon(state);
}
