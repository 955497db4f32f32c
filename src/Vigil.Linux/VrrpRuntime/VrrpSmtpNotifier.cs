using Vigil.Linux.Notify;
using Vigil.Vrrp;
using Vigil.Vrrp.Ports;

namespace Vigil.Linux.VrrpRuntime;

/// <summary>
/// <c>smtp_alert</c> for VRRP transitions: one mail per MASTER, BACKUP or FAULT of an instance that has it, with the
/// subject and body keepalived 2.2.7 sent (observed against an SMTP sink on loopback):
/// <c>[R1] VRRP Instance VI_1 - Entering MASTER state</c> / <c>=&gt; VRRP Instance is now owning VRRP VIPs &lt;=</c>
/// (BACKUP and FAULT: <c>is no longer owning</c>). A sync group with <c>smtp_alert</c>: <c>[R1] VRRP Group G1 - Entering
/// MASTER state</c> / <c>=&gt; All VRRP group instances are now in MASTER state &lt;=</c>. No mail for STOP or the
/// *_PRIORITY words. Queued, never blocking.
/// </summary>
internal sealed class VrrpSmtpNotifier(SmtpAlerter alerter, IReadOnlySet<string> instances, IReadOnlySet<string> groups) : IVrrpNotifier
{
    public void Notify(VrrpNotification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        if (!(notification.IsGroup ? groups : instances).Contains(notification.InstanceName) ||
            notification.State is not (VrrpNotifyState.Master or VrrpNotifyState.Backup or VrrpNotifyState.Fault))
        {
            return;
        }

        alerter.Enqueue(
            Subject(notification),
            notification.IsGroup ? $"=> All VRRP group instances are now in {notification.StateWord} state <=" : Body(notification.State));
    }

    public static string Subject(VrrpNotification n) =>
        $"VRRP {(n.IsGroup ? "Group" : "Instance")} {n.InstanceName} - Entering {n.StateWord} state";

    public static string Body(VrrpNotifyState state) =>
        state == VrrpNotifyState.Master ? "=> VRRP Instance is now owning VRRP VIPs <=" : "=> VRRP Instance is no longer owning VRRP VIPs <=";
}
