namespace Vigil.Lb;

/// <summary>Role of an IPVS connection synchronisation daemon (linux/ip_vs.h IP_VS_STATE_*).</summary>
public enum SyncDaemonState
{
    Master = 1,
    Backup = 2,
}
