using Microsoft.Extensions.Logging;
using Vigil.Lb;
using Vigil.Linux.Interop;
using Vigil.Vrrp;
using Vigil.Vrrp.Ports;

namespace Vigil.Linux.VrrpRuntime;

/// <summary>
/// <c>lvs_sync_daemon IF inst VI</c>: the IPVS sync daemon follows that VRRP instance, as keepalived's VRRP process
/// drives it. MASTER runs the master (sending) daemon, BACKUP and FAULT the backup (receiving) daemon, STOP neither.
/// The other role is stopped first, so the kernel never runs both for the instance. Kernel refusals are logged and
/// never reach the engine.
/// </summary>
public sealed partial class VrrpSyncDaemonFollower(SyncDaemon daemon, string instance, ISyncDaemonControl control, ILogger logger) : IVrrpNotifier
{
    private readonly Lock _lock = new();
    private SyncDaemonState? _running;

    /// <summary>The role started last, or null when none runs.</summary>
    public SyncDaemonState? Running
    {
        get
        {
            lock (_lock)
            {
                return _running;
            }
        }
    }

    public void Notify(VrrpNotification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        if (notification.IsGroup || notification.InstanceName != instance)
        {
            return;
        }

        SyncDaemonState? want = notification.State switch
        {
            VrrpNotifyState.Master => SyncDaemonState.Master,
            VrrpNotifyState.Backup or VrrpNotifyState.Fault => SyncDaemonState.Backup,
            VrrpNotifyState.Stop => null,
            _ => _running,
        };
        lock (_lock)
        {
            if (want == _running)
            {
                return;
            }

            if (_running is { } old)
            {
                Try(() => control.Stop(old), old, "stop");
                LogStopped(logger, old.ToString().ToLowerInvariant(), daemon.Interface, instance);
            }

            _running = null;
            if (want is { } role && Try(() => control.Start(daemon with { State = role }), role, "start"))
            {
                _running = role;
                LogStarted(logger, role.ToString().ToLowerInvariant(), daemon.Interface, daemon.SyncId, instance);
            }
        }
    }

    private bool Try(Action action, SyncDaemonState role, string verb)
    {
        try
        {
            action();
            return true;
        }
        catch (ErrnoException e) when (verb == "stop" && e.Errno == Errno.ESRCH)
        {
            return true;
        }
        catch (ErrnoException e)
        {
            LogFailed(logger, verb, role.ToString().ToLowerInvariant(), daemon.Interface, e.Message);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Starting IPVS {Role} sync daemon on {Interface} (syncid {SyncId}) for ({Instance})")]
    private static partial void LogStarted(ILogger logger, string role, string @interface, uint syncId, string instance);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping IPVS {Role} sync daemon on {Interface} for ({Instance})")]
    private static partial void LogStopped(ILogger logger, string role, string @interface, string instance);

    [LoggerMessage(Level = LogLevel.Error, Message = "IPVS: cannot {Verb} the {Role} sync daemon on {Interface}: {Reason}")]
    private static partial void LogFailed(ILogger logger, string verb, string role, string @interface, string reason);
}
