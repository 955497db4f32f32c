namespace Vigil.Vrrp;

/// <summary>What a notification reports (keepalived's notify and FIFO state words).</summary>
public enum VrrpNotifyState
{
    /// <summary>MASTER.</summary>
    Master,

    /// <summary>BACKUP.</summary>
    Backup,

    /// <summary>FAULT.</summary>
    Fault,

    /// <summary>STOP (on shutdown).</summary>
    Stop,

    /// <summary>DELETED (instance removed by a reload).</summary>
    Deleted,

    /// <summary>MASTER_RX_LOWER_PRI: a master received a lower-priority advert (script <c>notify_master_rx_lower_pri</c>
    /// and the FIFO; not the generic <c>notify</c>).</summary>
    MasterRxLowerPri,

    /// <summary>MASTER_PRIORITY (FIFO only, with <c>notify_priority_changes</c>).</summary>
    MasterPriority,

    /// <summary>BACKUP_PRIORITY (FIFO only, with <c>notify_priority_changes</c>).</summary>
    BackupPriority,
}
