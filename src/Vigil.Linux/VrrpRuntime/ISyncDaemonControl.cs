using Vigil.Lb;

namespace Vigil.Linux.VrrpRuntime;

/// <summary>Starts and stops the kernel's IPVS connection-sync daemons (implemented over IPVS generic netlink).</summary>
public interface ISyncDaemonControl
{
    /// <summary>Starts the daemon in <see cref="SyncDaemon.State"/>; throws <see cref="Interop.ErrnoException"/> when refused.</summary>
    void Start(SyncDaemon daemon);

    /// <summary>Stops the daemon in that role; throws <see cref="Interop.ErrnoException"/> (ESRCH) when it does not run.</summary>
    void Stop(SyncDaemonState state);
}
