using System.Net;
using System.Reflection;
using Microsoft.Extensions.Logging;
using Vigil.Testing.Vrrp;

namespace Vigil.Vrrp.Engine.Tests;

/// <summary>
/// Pins every keepalived-compatible line to what keepalived 2.2.7 printed (captured with two and three keepalived
/// instances in network namespaces joined by a bridge, crafted packets from a third host; lines copied verbatim
/// without the timestamp).
/// </summary>
public class CompatMessagesTests
{
    private static readonly IPAddress s_p1 = IPAddress.Parse("192.0.2.1");
    private static readonly IPAddress s_p2 = IPAddress.Parse("192.0.2.2");

    private static readonly (Action<ILogger> Log, string Keepalived, string Constant)[] s_pinned =
    [
        (l => VrrpLog.EnteringMaster(l, "VI_1"), "(VI_1) Entering MASTER STATE", nameof(CompatMessages.EnteringMaster)),

        // Tracking and sync groups (keepalived 2.2.7 in a namespace, December 2026: vrrp_script with weights -60, 0,
        // -1 killed by SIGKILL, a 5 s script with timeout 1, track_file weights 10 and 0, a two-instance sync group).
        (l => VrrpLog.PriorityChanged(l, "VI_1", 150, 90), "(VI_1) Changing effective priority from 150 to 90", nameof(CompatMessages.PriorityChanged)),
        (l => VrrpLog.ScriptNowReturning(l, "chk", 1), "Script `chk` now returning 1", nameof(CompatMessages.ScriptNowReturning)),
        (l => VrrpLog.ScriptSucceeded(l, "chk"), "VRRP_Script(chk) succeeded", nameof(CompatMessages.ScriptSucceeded)),
        (l => VrrpLog.ScriptFailedStatus(l, "chk", 1), "VRRP_Script(chk) failed (exited with status 1)", nameof(CompatMessages.ScriptFailedStatus)),
        (l => VrrpLog.ScriptFailedSignal(l, "kill", 9), "VRRP_Script(kill) failed (due to signal 9)", nameof(CompatMessages.ScriptFailedSignal)),
        (l => VrrpLog.ScriptTimedOut(l, "slow"), "VRRP_Script(slow) timed_out", nameof(CompatMessages.ScriptTimedOut)),
        (l => VrrpLog.TrackedFileFault(l, "VI_2", "tf0"), "(VI_2): tracked file tf0 now FAULT state", nameof(CompatMessages.TrackedFileFault)),
        (l => VrrpLog.TrackedFileFaultCleared(l, "VI_2", "tf0"), "(VI_2): tracked file tf0 leaving FAULT state", nameof(CompatMessages.TrackedFileFaultCleared)),
        (l => VrrpLog.SyncGroupSyncing(l, "G1", "MASTER"), "VRRP_Group(G1) Syncing instances to MASTER state", nameof(CompatMessages.SyncGroupSyncing)),
        (l => VrrpLog.EnteringBackup(l, "VI_1"), "(VI_1) Entering BACKUP STATE", nameof(CompatMessages.EnteringBackup)),
        (l => VrrpLog.EnteringBackupInit(l, "VI_1"), "(VI_1) Entering BACKUP STATE (init)", nameof(CompatMessages.EnteringBackupInit)),
        (l => VrrpLog.EnteringFault(l, "VI_1"), "(VI_1) Entering FAULT STATE", nameof(CompatMessages.EnteringFault)),
        (l => VrrpLog.EnteringFaultInitReason(l, "VI_F", "interface eth0 down"), "(VI_F): entering FAULT state (interface eth0 down)", nameof(CompatMessages.EnteringFaultInitReason)),
        (l => VrrpLog.EnteringFaultInit(l, "VI_F"), "(VI_F) entering FAULT state", nameof(CompatMessages.EnteringFaultInit)),
        (l => VrrpLog.ReceiveTimeout(l, "VI_1"), "(VI_1) Receive advertisement timeout", nameof(CompatMessages.ReceiveTimeout)),
        (l => VrrpLog.SettingVips(l, "VI_1"), "(VI_1) setting VIPs.", nameof(CompatMessages.SettingVips)),
        (l => VrrpLog.RemovingVips(l, "VI_1"), "(VI_1) removing VIPs.", nameof(CompatMessages.RemovingVips)),
        (l => VrrpLog.SettingRoutes(l, "VI_1"), "(VI_1) setting Virtual Routes", nameof(CompatMessages.SettingRoutes)),
        (l => VrrpLog.RemovingRoutes(l, "VI_1"), "(VI_1) removing Virtual Routes", nameof(CompatMessages.RemovingRoutes)),
        (l => VrrpLog.SettingRules(l, "VI_1"), "(VI_1) setting Virtual Rules", nameof(CompatMessages.SettingRules)),
        (l => VrrpLog.RemovingRules(l, "VI_1"), "(VI_1) removing Virtual Rules", nameof(CompatMessages.RemovingRules)),
        (l => VrrpLog.SettingFirewall(l, "VI_1"), "(VI_1) setting firewall drop rule", nameof(CompatMessages.SettingFirewall)),
        (l => VrrpLog.RemovingFirewall(l, "VI_1"), "(VI_1) removing firewall drop rule", nameof(CompatMessages.RemovingFirewall)),
        (l => VrrpLog.SentPriorityZero(l, "VI_1"), "(VI_1) sent 0 priority", nameof(CompatMessages.SentPriorityZero)),
        (l => VrrpLog.BackupPriorityZero(l, "VI_1"), "(VI_1) Backup received priority 0 advertisement", nameof(CompatMessages.BackupPriorityZero)),
        (l => VrrpLog.MasterPriorityZero(l, "VI_1"), "(VI_1) Master received priority 0 message", nameof(CompatMessages.MasterPriorityZero)),
        (l => VrrpLog.LowerPriorityDiscarded(l, "VI_1", 100, s_p2), "(VI_1) received lower priority (100) advert from 192.0.2.2 - discarding", nameof(CompatMessages.LowerPriorityDiscarded)),
        (l => VrrpLog.MasterHigherPriority(l, "VI_1", s_p1, 150, 100), "(VI_1) Master received advert from 192.0.2.1 with higher priority 150, ours 100", nameof(CompatMessages.MasterHigherPriority)),
        (l => VrrpLog.MasterSamePriorityHigherAddress(l, "VI_1", s_p2, 100), "(VI_1) Master received advert from 192.0.2.2 with same priority 100 but higher IP address than ours", nameof(CompatMessages.MasterSamePriorityHigherAddress)),
        (l => VrrpLog.MasterLowerPriority(l, "VI_1", s_p2, 100, 150), "(VI_1) Received advert from 192.0.2.2 with lower priority 100, ours 150, forcing new election", nameof(CompatMessages.MasterLowerPriority)),
        (l => VrrpLog.IntervalLearned(l, "VI_1", 1000, 2000), "(VI_1) advertisement interval updated from 1000ms to 2000ms by master", nameof(CompatMessages.IntervalLearned)),
        (l => VrrpLog.PreemptDelayStarted(l, "VI_1", "3.000000"), "(VI_1) start preempt delay (3.000000)", nameof(CompatMessages.PreemptDelayStarted)),
        (l => VrrpLog.QueueingGarp(l, "VI_1", "eth0", IPAddress.Parse("192.0.2.100")), "(VI_1) Sending/queueing gratuitous ARPs on eth0 for 192.0.2.100", nameof(CompatMessages.QueueingGarp)),
        (l => VrrpLog.QueueingNa(l, "VI_6", "eth0", IPAddress.Parse("2001:db8::100")), "(VI_6) Sending/queueing Unsolicited Neighbour Adverts on eth0 for 2001:db8::100", nameof(CompatMessages.QueueingNa)),
        (l => VrrpLog.SendingGarp(l, "eth0", IPAddress.Parse("192.0.2.100")), "Sending gratuitous ARP on eth0 for 192.0.2.100", nameof(CompatMessages.SendingGarp)),
        (l => VrrpLog.SendingNa(l, "eth0", IPAddress.Parse("2001:db8::100")), "Sending unsolicited Neighbour Advert on eth0 for 2001:db8::100", nameof(CompatMessages.SendingNa)),
        (l => VrrpLog.LinkDown(l, "eth0"), "Netlink reports eth0 down", nameof(CompatMessages.LinkDown)),
        (l => VrrpLog.LinkUp(l, "eth0"), "Netlink reports eth0 up", nameof(CompatMessages.LinkUp)),
        (l => VrrpLog.PacketTooShortNoInstance(l, "IPv4", 24), "IPv4 VRRP packet too short - 24 bytes", nameof(CompatMessages.PacketTooShortNoInstance)),
        (l => VrrpLog.PacketTooShort(l, "VI_1", 40, 44), "(VI_1) vrrp packet too short, length 40 and expect 44", nameof(CompatMessages.PacketTooShort)),
        (l => VrrpLog.PacketTooLong(l, "VI_1", 42, 40), "(VI_1) vrrp packet too long, length 42 and expect 40", nameof(CompatMessages.PacketTooLong)),
        (l => VrrpLog.InvalidTtl(l, "VI_1", 64, 255), "(VI_1) invalid TTL/HL. Received 64 and expect 255", nameof(CompatMessages.InvalidTtl)),
        (l => VrrpLog.WrongVersion(l, "VI_1", 3, 2), "(VI_1) wrong version. Received 3 and expect 2", nameof(CompatMessages.WrongVersion)),
        (l => VrrpLog.InvalidAuthType(l, "VI_1", 7), "(VI_1) Invalid auth type: 7", nameof(CompatMessages.InvalidAuthType)),
        (l => VrrpLog.AuthTypeMismatch(l, "VI_1", 1, 0), "(VI_1) received a 1 auth, expecting 0!", nameof(CompatMessages.AuthTypeMismatch)),
        (l => VrrpLog.InvalidPassword(l, "VI_1"), "(VI_1) received an invalid passwd!", nameof(CompatMessages.InvalidPassword)),
        (l => VrrpLog.IntervalMismatch(l, "VI_1", 1, 2), "(VI_1) advertisement interval mismatch mine=1 sec rcv'd=2 sec", nameof(CompatMessages.IntervalMismatch)),
        (l => VrrpLog.InvalidType(l, "VI_1", 2, 1), "(VI_1) Invalid packet type. 2 and expect 1", nameof(CompatMessages.InvalidType)),
        (l => VrrpLog.InvalidChecksum(l, "VI_1", 3), "(VI_1) Invalid VRRPv3 checksum", nameof(CompatMessages.InvalidChecksum)),
        (l => VrrpLog.AddressCountMismatch(l, "VI_1", 2, 1), "(VI_1) received an unexpected ip number count 2, expected 1!", nameof(CompatMessages.AddressCountMismatch)),
        (l => VrrpLog.AddressMissing(l, "VI_1", 51, IPAddress.Parse("192.0.2.100")), "(VI_1) ip address associated with VRID 51 not present in MASTER advert: 192.0.2.100", nameof(CompatMessages.AddressMissing)),
    ];

    [Fact]
    public void EveryCompatMessage_RendersExactlyAsKeepalived227Printed()
    {
        var log = new LogCapture();

        foreach (var (write, _, _) in s_pinned)
        {
            write(log);
        }

        Assert.Equal(s_pinned.Select(p => p.Keepalived), log.Messages);
    }

    [Fact]
    public void EveryCompatMessage_IsPinned()
    {
        var constants = typeof(CompatMessages).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .Select(f => f.Name)
            .Order()
            .ToArray();

        Assert.Equal(constants, s_pinned.Select(p => p.Constant).Order().ToArray());
    }
}
