using Microsoft.Extensions.Logging.Abstractions;
using Vigil.Lb;
using Vigil.Linux.Interop;
using Vigil.Linux.VrrpRuntime;
using Vigil.Vrrp;
using Vigil.Vrrp.Ports;
using Xunit;

namespace Vigil.Linux.Tests.VrrpRuntime;

public class VrrpSyncDaemonFollowerTests
{
    private static readonly SyncDaemon Daemon = new(SyncDaemonState.Master, "eth1", 5, Port: 8848);

    [Fact]
    public void FollowsTheInstance_StoppingTheOtherRoleFirst()
    {
        var control = new RecordingControl();
        var follower = new VrrpSyncDaemonFollower(Daemon, "VI_1", control, NullLogger.Instance);

        follower.Notify(Note("VI_1", VrrpNotifyState.Backup));
        follower.Notify(Note("VI_1", VrrpNotifyState.Backup));
        follower.Notify(Note("VI_2", VrrpNotifyState.Master));
        follower.Notify(Note("VI_1", VrrpNotifyState.MasterRxLowerPri));
        follower.Notify(Note("VI_1", VrrpNotifyState.Master));
        follower.Notify(Note("VI_1", VrrpNotifyState.Fault));
        follower.Notify(Note("VI_1", VrrpNotifyState.Stop));

        Assert.Equal(
            ["start Backup eth1 5", "stop Backup", "start Master eth1 5", "stop Master", "start Backup eth1 5", "stop Backup"],
            control.Calls);
        Assert.Null(follower.Running);
    }

    [Fact]
    public void GroupNotifications_AreIgnored()
    {
        var control = new RecordingControl();
        var follower = new VrrpSyncDaemonFollower(Daemon, "VI_1", control, NullLogger.Instance);
        follower.Notify(Note("VI_1", VrrpNotifyState.Master) with { IsGroup = true });
        Assert.Empty(control.Calls);
    }

    [Fact]
    public void KernelRefusal_IsLogged_AndTriedAgainOnTheNextChange()
    {
        var control = new RecordingControl { Refuse = Errno.ENODEV };
        var follower = new VrrpSyncDaemonFollower(Daemon, "VI_1", control, NullLogger.Instance);
        follower.Notify(Note("VI_1", VrrpNotifyState.Master));
        Assert.Null(follower.Running);

        control.Refuse = null;
        follower.Notify(Note("VI_1", VrrpNotifyState.Master));
        Assert.Equal(SyncDaemonState.Master, follower.Running);
        Assert.Equal(["start Master eth1 5", "start Master eth1 5"], control.Calls);
    }

    [Fact]
    public void StoppingARoleThatDoesNotRun_IsNotAnError()
    {
        var control = new RecordingControl { StopSaysNotRunning = true };
        var follower = new VrrpSyncDaemonFollower(Daemon, "VI_1", control, NullLogger.Instance);
        follower.Notify(Note("VI_1", VrrpNotifyState.Backup));
        follower.Notify(Note("VI_1", VrrpNotifyState.Master));
        Assert.Equal(SyncDaemonState.Master, follower.Running);
    }

    private static VrrpNotification Note(string instance, VrrpNotifyState state) => new(instance, state, 100, null, null);

    private sealed class RecordingControl : ISyncDaemonControl
    {
        public List<string> Calls { get; } = [];

        public Errno? Refuse { get; set; }

        public bool StopSaysNotRunning { get; set; }

        public void Start(SyncDaemon daemon)
        {
            Calls.Add($"start {daemon.State} {daemon.Interface} {daemon.SyncId}");
            if (Refuse is { } e)
            {
                throw new ErrnoException("IPVS start sync daemon", e);
            }
        }

        public void Stop(SyncDaemonState state)
        {
            Calls.Add($"stop {state}");
            if (StopSaysNotRunning)
            {
                throw new ErrnoException("IPVS stop sync daemon", Errno.ESRCH);
            }
        }
    }
}
