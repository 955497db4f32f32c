using System.Net;
using Vigil.Testing.Vrrp;
using Vigil.Vrrp.Packet;
using Vigil.Vrrp.Packet.Tests;

namespace Vigil.Vrrp.Scenarios.Tests;

/// <summary>
/// Whole routers (engine + in-memory ports) on a simulated segment, in virtual time. Times are exact: Skew_Time for
/// priority 150 is 414 062 µs, for 100 609 375 µs (VRRPv2, keepalived's integer microseconds).
/// </summary>
public class VirtualLanScenarioTests
{
    private static readonly TimeSpan s_down150 = Us(3_414_062);
    private static readonly TimeSpan s_down100 = Us(3_609_375);
    private static readonly TimeSpan s_skew100 = Us(609_375);

    [Fact]
    public void Election_TwoRouters_HigherPriorityWinsWithExactlyOneHolder()
    {
        using var lan = new VirtualLan();
        var r1 = lan.AddRouter("r1", "192.0.2.1", VirtualLan.Instance(150));
        var r2 = lan.AddRouter("r2", "192.0.2.2", VirtualLan.Instance(100));
        lan.StartAll();

        lan.Run(TimeSpan.FromSeconds(10));

        Assert.Equal((VrrpState.Master, VrrpState.Backup), (r1.State(), r2.State()));
        Assert.Equal(["r1"], lan.HoldersOf("192.0.2.100"));
        Assert.Equal([new HolderChange(s_down150, "r1", IPAddress.Parse("192.0.2.100"), true)], lan.HolderChanges);
        Assert.Equal(VrrpTransitionReason.MasterNoResponse, r1.Status().LastReason);
        AssertNeverTwoHolders(lan);
    }

    [Fact]
    public void Election_ThreeRouters_ConvergesOnTheHighest()
    {
        using var lan = new VirtualLan();
        lan.AddRouter("r1", "192.0.2.1", VirtualLan.Instance(100));
        var r2 = lan.AddRouter("r2", "192.0.2.2", VirtualLan.Instance(200));
        lan.AddRouter("r3", "192.0.2.3", VirtualLan.Instance(150));
        lan.StartAll();

        lan.Run(TimeSpan.FromSeconds(20));

        Assert.Equal(VrrpState.Master, r2.State());
        Assert.Equal(["r2"], lan.HoldersOf("192.0.2.100"));
        Assert.Single(lan.HolderChanges);
        Assert.All(lan.Routers.Where(r => r != r2), r => Assert.Equal(VrrpState.Backup, r.State()));
    }

    [Fact]
    public void Wire_FirstAdvert_IsByteForByteWhatKeepalivedSends()
    {
        // Same parameters as the keepalived 2.2.7 capture v2-advert.hex: 192.0.2.1, vrid 51, prio 150, VIP .100.
        using var lan = new VirtualLan();
        lan.AddRouter("r1", "192.0.2.1", VirtualLan.Instance(150));
        lan.StartAll();

        lan.Run(TimeSpan.FromSeconds(4));

        var advert = Assert.Single(lan.Wire);
        var captured = CapturedFrame.Parse(KeepalivedVectors.V2Advert);
        Assert.Equal(Convert.ToHexString(captured.Payload), Convert.ToHexString(advert.Payload));
        Assert.Equal((captured.Meta.Source, captured.Meta.Destination, (byte?)255), (advert.Source, advert.Destination, advert.Ttl));
    }

    [Fact]
    public void Wire_V3Ipv6Advert_IsByteForByteWhatKeepalivedSends()
    {
        // keepalived 2.2.7 capture v3ipv6-advert.hex: fe80::c0ff:fe00:201 → ff02::12, vrid 54, prio 150, 1 s.
        using var lan = new VirtualLan();
        lan.AddRouter("r1", "192.0.2.1", VirtualLan.Instance(150, vrid: 54, vip: "2001:db8::100", version: VrrpVersion.V3));
        lan.StartAll();

        lan.Run(TimeSpan.FromSeconds(4));

        var advert = Assert.Single(lan.Wire);
        var captured = CapturedFrame.Parse(KeepalivedVectors.V3Ipv6Advert);
        Assert.Equal(Convert.ToHexString(captured.Payload), Convert.ToHexString(advert.Payload));
        Assert.Equal((captured.Meta.Source, captured.Meta.Destination), (advert.Source, advert.Destination));
    }

    [Fact]
    public void Failover_MasterSilent_BackupTakesOverOneMasterDownIntervalAfterTheLastAdvert()
    {
        using var lan = new VirtualLan();
        var r1 = lan.AddRouter("r1", "192.0.2.1", VirtualLan.Instance(150));
        var r2 = lan.AddRouter("r2", "192.0.2.2", VirtualLan.Instance(100));
        lan.StartAll();
        lan.Run(TimeSpan.FromSeconds(10.2));
        var lastAdvert = lan.SentBy(r1)[^1].At;

        r1.Crash();
        lan.Run(TimeSpan.FromSeconds(10));

        var takeover = lan.HolderChanges.Single(h => h.Router == "r2" && h.Held);
        Assert.Equal(lastAdvert + s_down100, takeover.At);
        Assert.Equal((VrrpState.Master, VrrpTransitionReason.MasterNoResponse), (r2.State(), r2.Status().LastReason));
        Assert.Contains("(VI_1) Receive advertisement timeout", r2.Log.Messages);
    }

    [Fact]
    public void Failover_OneLostAdvert_DoesNotFailOver()
    {
        using var lan = new VirtualLan();
        var r1 = lan.AddRouter("r1", "192.0.2.1", VirtualLan.Instance(150));
        var r2 = lan.AddRouter("r2", "192.0.2.2", VirtualLan.Instance(100));
        lan.StartAll();
        lan.Run(TimeSpan.FromSeconds(5));
        var dropped = 0;
        lan.DropFilter = (p, _) => p.From == "r1" && dropped < 2 && ++dropped > 0;

        lan.Run(TimeSpan.FromSeconds(10));

        Assert.Equal(2, dropped);
        Assert.Equal((VrrpState.Master, VrrpState.Backup), (r1.State(), r2.State()));
        Assert.Single(lan.HolderChanges);
    }

    [Fact]
    public void Shutdown_Master_SendsPriorityZeroAndBackupTakesOverAfterSkewTime()
    {
        using var lan = new VirtualLan();
        var r1 = lan.AddRouter("r1", "192.0.2.1", VirtualLan.Instance(150));
        var r2 = lan.AddRouter("r2", "192.0.2.2", VirtualLan.Instance(100));
        lan.StartAll();
        lan.Run(TimeSpan.FromSeconds(10.5));
        var stopAt = lan.Time.Elapsed;

        r1.Stop();
        lan.Run(TimeSpan.FromSeconds(5));

        Assert.Equal(0, lan.SentBy(r1)[^1].Priority);
        Assert.Equal([new HolderChange(stopAt, "r1", IPAddress.Parse("192.0.2.100"), false), new HolderChange(stopAt + s_skew100, "r2", IPAddress.Parse("192.0.2.100"), true)], lan.HolderChanges.Skip(1));
        Assert.Equal((VrrpState.Master, VrrpTransitionReason.PriorityZero), (r2.State(), r2.Status().LastReason));
        Assert.Contains("(VI_1) Backup received priority 0 advertisement", r2.Log.Messages);
        Assert.Contains("(VI_1) sent 0 priority", r1.Log.Messages);
        Assert.Equal(["INSTANCE", "VI_1", "STOP", "150"], r1.Notifications[^1].Notification.GenericArguments.ToArray());
    }

    [Fact]
    public void Preemption_RestartedHigherPriority_TakesBackTheVipWithoutOverlap()
    {
        using var lan = new VirtualLan();
        var r1 = lan.AddRouter("r1", "192.0.2.1", VirtualLan.Instance(150));
        var r2 = lan.AddRouter("r2", "192.0.2.2", VirtualLan.Instance(100));
        lan.StartAll();
        lan.Run(TimeSpan.FromSeconds(5));
        r1.Stop();
        lan.Run(TimeSpan.FromSeconds(5));
        Assert.Equal(VrrpState.Master, r2.State());
        var restartAt = lan.Time.Elapsed;

        r1.Start();
        lan.Run(TimeSpan.FromSeconds(10));

        // r1 discards r2's lower-priority adverts and takes over when its own down timer fires.
        Assert.Equal((VrrpState.Master, VrrpTransitionReason.Preempted), (r1.State(), r1.Status().LastReason));
        Assert.Equal(VrrpState.Backup, r2.State());
        Assert.Equal(restartAt + s_down150, lan.HolderChanges[^1].At);
        Assert.Equal(["r1"], lan.HoldersOf("192.0.2.100"));
        Assert.Contains("(VI_1) received lower priority (100) advert from 192.0.2.2 - discarding", r1.Log.Messages);
        Assert.Contains("(VI_1) Master received advert from 192.0.2.1 with higher priority 150, ours 100", r2.Log.Messages);
        AssertNeverTwoHolders(lan);
    }

    [Fact]
    public void Preemption_RestartedHigherPriorityWithNopreempt_StaysBackup()
    {
        using var lan = new VirtualLan();
        var r1 = lan.AddRouter("r1", "192.0.2.1", VirtualLan.Instance(150) with { NoPreempt = true });
        var r2 = lan.AddRouter("r2", "192.0.2.2", VirtualLan.Instance(100));
        r2.Start();
        lan.Run(TimeSpan.FromSeconds(5));

        r1.Start();
        lan.Run(TimeSpan.FromSeconds(60));

        Assert.Equal((VrrpState.Backup, VrrpState.Master), (r1.State(), r2.State()));
        Assert.Equal(["r2"], lan.HoldersOf("192.0.2.100"));
        Assert.Single(lan.HolderChanges);
    }

    [Fact]
    public void PreemptDelay_RestartedHigherPriority_WaitsTheDelayThenOneDownInterval()
    {
        using var lan = new VirtualLan();
        var r1 = lan.AddRouter("r1", "192.0.2.1", VirtualLan.Instance(150) with { PreemptDelay = TimeSpan.FromSeconds(5) });
        var r2 = lan.AddRouter("r2", "192.0.2.2", VirtualLan.Instance(100));
        r2.Start();
        lan.Run(TimeSpan.FromSeconds(4.2));
        var startAt = lan.Time.Elapsed;

        r1.Start();
        lan.Run(TimeSpan.FromSeconds(20));

        var lastAccepted = lan.SentBy(r2).Where(p => p.At < startAt + TimeSpan.FromSeconds(5)).Max(p => p.At);
        var takeover = lan.HolderChanges.Single(h => h.Router == "r1" && h.Held).At;
        Assert.Equal(lastAccepted + s_down150, takeover);
        Assert.True(takeover > startAt + TimeSpan.FromSeconds(5));
        Assert.Contains("(VI_1) start preempt delay (5.000000)", r1.Log.Messages);
        Assert.Equal(VrrpState.Master, r1.State());
    }

    [Fact]
    public void TieBreak_EqualPrioritySplitBrainHealed_HigherAddressStaysMaster()
    {
        using var lan = new VirtualLan();
        var r1 = lan.AddRouter("r1", "192.0.2.1", VirtualLan.Instance(100));
        var r2 = lan.AddRouter("r2", "192.0.2.2", VirtualLan.Instance(100));
        lan.Partition([r1], [r2]);
        lan.StartAll();
        lan.Run(TimeSpan.FromSeconds(5));
        Assert.Equal((VrrpState.Master, VrrpState.Master), (r1.State(), r2.State()));

        lan.Heal();
        lan.Run(TimeSpan.FromSeconds(5));

        Assert.Equal((VrrpState.Backup, VrrpState.Master), (r1.State(), r2.State()));
        Assert.Equal(["r2"], lan.HoldersOf("192.0.2.100"));
        Assert.Contains("(VI_1) Master received advert from 192.0.2.2 with same priority 100 but higher IP address than ours", r1.Log.Messages);
    }

    [Fact]
    public void TieBreak_EqualPriorityJoiningLater_DoesNotPreemptTheRunningMaster()
    {
        // RFC 5798 §6.4.2: a backup accepts an advert of equal priority whatever the sender's address.
        using var lan = new VirtualLan();
        var r1 = lan.AddRouter("r1", "192.0.2.1", VirtualLan.Instance(100));
        var r2 = lan.AddRouter("r2", "192.0.2.2", VirtualLan.Instance(100));
        r1.Start();
        lan.Run(TimeSpan.FromSeconds(5));

        r2.Start();
        lan.Run(TimeSpan.FromSeconds(30));

        Assert.Equal((VrrpState.Master, VrrpState.Backup), (r1.State(), r2.State()));
    }

    [Fact]
    public void AddressOwner_StartingWhileAnotherIsMaster_TakesOverAtOnce()
    {
        using var lan = new VirtualLan();
        var r1 = lan.AddRouter("r1", "192.0.2.1", VirtualLan.Instance(255) with { State = VrrpInitialState.Master });
        var r2 = lan.AddRouter("r2", "192.0.2.2", VirtualLan.Instance(100));
        r2.Start();
        lan.Run(TimeSpan.FromSeconds(5.5));
        var startAt = lan.Time.Elapsed;

        r1.Start();

        Assert.Equal((VrrpState.Master, VrrpTransitionReason.AddressOwner), (r1.State(), r1.Status().LastReason));
        Assert.Equal(VrrpState.Backup, r2.State());
        Assert.Equal(startAt, lan.HolderChanges[^1].At);
        Assert.Equal(["r1"], lan.HoldersOf("192.0.2.100"));
        AssertNeverTwoHolders(lan);
        Assert.Equal(
            ["(VI_1) removing VIPs.", "(VI_1) Receive advertisement timeout", "(VI_1) Entering MASTER STATE", "(VI_1) setting VIPs.", "(VI_1) Sending/queueing gratuitous ARPs on eth0 for 192.0.2.100"],
            KeepalivedLines(r1));
    }

    [Fact]
    public void V3_BackupLearnsTheMastersIntervalForItsDownTimer()
    {
        using var lan = new VirtualLan();
        var r1 = lan.AddRouter("r1", "192.0.2.1", VirtualLan.Instance(150, version: VrrpVersion.V3, advertIntSeconds: 2));
        var r2 = lan.AddRouter("r2", "192.0.2.2", VirtualLan.Instance(100, version: VrrpVersion.V3, advertIntSeconds: 1));
        r1.Start();
        lan.Run(TimeSpan.FromSeconds(8));
        r2.Start();
        lan.Run(TimeSpan.FromSeconds(8.5));
        Assert.Equal(TimeSpan.FromSeconds(2), r2.Status().MasterAdverInterval);
        Assert.Contains("(VI_1) advertisement interval updated from 1000ms to 2000ms by master", r2.Log.Messages);
        var lastAdvert = lan.SentBy(r1)[^1].At;

        r1.Crash();
        lan.Run(TimeSpan.FromSeconds(12));

        // 3 × 2 s + (256 − 100) × 2 s / 256 = 7.21875 s, then r2 advertises at its own 1 s.
        var takeover = lan.HolderChanges.Single(h => h.Router == "r2" && h.Held).At;
        Assert.Equal(lastAdvert + Us(7_218_750), takeover);
        Assert.Equal(TimeSpan.FromSeconds(1), r2.Status().MasterAdverInterval);
        var r2Adverts = lan.SentBy(r2).Select(p => p.At).ToList();
        Assert.All(r2Adverts.Zip(r2Adverts.Skip(1)), pair => Assert.Equal(TimeSpan.FromSeconds(1), pair.Second - pair.First));
    }

    [Fact]
    public void SplitBrain_PartitionThenHeal_EndsWithOneMaster()
    {
        using var lan = new VirtualLan();
        var r1 = lan.AddRouter("r1", "192.0.2.1", VirtualLan.Instance(150));
        var r2 = lan.AddRouter("r2", "192.0.2.2", VirtualLan.Instance(100));
        lan.StartAll();
        lan.Run(TimeSpan.FromSeconds(5));

        lan.Partition([r1], [r2]);
        lan.Run(TimeSpan.FromSeconds(5));
        Assert.Equal(["r1", "r2"], lan.HoldersOf("192.0.2.100"));
        lan.Heal();
        lan.Run(TimeSpan.FromSeconds(3));

        Assert.Equal((VrrpState.Master, VrrpState.Backup), (r1.State(), r2.State()));
        Assert.Equal(["r1"], lan.HoldersOf("192.0.2.100"));
        Assert.Contains("(VI_1) Received advert from 192.0.2.2 with lower priority 100, ours 150, forcing new election", r1.Log.Messages);
        Assert.Contains("(VI_1) Master received advert from 192.0.2.1 with higher priority 150, ours 100", r2.Log.Messages);
    }

    [Fact]
    public void LowerPriorityAdvertToMaster_AnswersAtOnceGarpsTwiceAndNotifiesLowerPriority()
    {
        using var lan = new VirtualLan();
        var r1 = lan.AddRouter("r1", "192.0.2.1", VirtualLan.Instance(150) with { GarpMasterDelay = TimeSpan.FromSeconds(2) });
        var r2 = lan.AddRouter("r2", "192.0.2.2", VirtualLan.Instance(100));
        lan.StartAll();
        lan.Run(TimeSpan.FromSeconds(10.3));
        var garpsBefore = r1.Announcements.Count;
        var at = lan.Time.Elapsed;

        // r2's adverts reach r1 only while r1's do not reach r2: r2 becomes master and r1 hears it.
        lan.DropFilter = (p, to) => p.From == "r1";
        lan.Run(TimeSpan.FromSeconds(3.7));
        lan.DropFilter = null;
        var r2Master = r2.State();
        lan.Run(TimeSpan.FromSeconds(0.5));

        Assert.Equal(VrrpState.Master, r2Master);
        var forced = r1.Log.Lines.First(l => l.Message.Contains("forcing new election", StringComparison.Ordinal));
        Assert.Equal("(VI_1) Received advert from 192.0.2.2 with lower priority 100, ours 150, forcing new election", forced.Message);
        Assert.Contains(lan.SentBy(r1), p => p.At == forced.At && p.Priority == 150);
        Assert.Equal(5, r1.Announcements.Count(a => a.At == forced.At));
        Assert.Contains(r1.Notifications, n => n.At == forced.At && n.Notification.FifoLine == "INSTANCE \"VI_1\" MASTER_RX_LOWER_PRI 150\n");
        Assert.Equal(VrrpState.Backup, r2.State());
        lan.Run(TimeSpan.FromSeconds(2));
        Assert.Equal(5, r1.Announcements.Count(a => a.At == forced.At + TimeSpan.FromSeconds(2)));
        Assert.True(r1.Announcements.Count > garpsBefore);
        Assert.True(at < forced.At);
    }

    [Fact]
    public void Corruption_EveryAdvertFromMasterCorrupted_CountsChecksumErrorsAndBackupTakesOver()
    {
        using var lan = new VirtualLan();
        var r1 = lan.AddRouter("r1", "192.0.2.1", VirtualLan.Instance(150));
        var r2 = lan.AddRouter("r2", "192.0.2.2", VirtualLan.Instance(100));
        lan.StartAll();
        lan.Run(TimeSpan.FromSeconds(5));

        lan.Mutate = (p, _) => p.From == "r1" ? [.. p.Payload[..^1], (byte)(p.Payload[^1] ^ 0x01)] : null;
        lan.Run(TimeSpan.FromSeconds(5));

        Assert.Equal(VrrpState.Master, r2.State());
        Assert.True(r2.Status().Statistics.ChecksumErr >= 5);

        // Rate limited: once while BACKUP, once more after the state change to MASTER re-opened the log.
        Assert.Equal(2, r2.Log.Messages.Count(m => m == "(VI_1) Invalid VRRPv2 checksum"));
    }

    [Fact]
    public void Duplicates_And_Delay_DoNotDisturbTheElection()
    {
        using var lan = new VirtualLan { DuplicateFilter = (_, _) => true, Delay = TimeSpan.FromMilliseconds(40) };
        var r1 = lan.AddRouter("r1", "192.0.2.1", VirtualLan.Instance(150));
        var r2 = lan.AddRouter("r2", "192.0.2.2", VirtualLan.Instance(100));
        lan.StartAll();

        lan.Run(TimeSpan.FromSeconds(30));

        Assert.Equal((VrrpState.Master, VrrpState.Backup), (r1.State(), r2.State()));
        Assert.Single(lan.HolderChanges);
        Assert.True(r2.Status().Statistics.AdvertRcvd > 50);
    }

    [Fact]
    public void LinkDown_OnMaster_FaultsItAndBackupTakesOverAfterTheDownInterval()
    {
        // Observed with keepalived 2.2.7: the master's priority-0 advert cannot leave a downed interface, so the
        // backup takes over on its own timer ("Netlink reports eth0 down", "Entering FAULT STATE", "sent 0 priority").
        using var lan = new VirtualLan();
        var r1 = lan.AddRouter("r1", "192.0.2.1", VirtualLan.Instance(150));
        var r2 = lan.AddRouter("r2", "192.0.2.2", VirtualLan.Instance(100));
        lan.StartAll();
        lan.Run(TimeSpan.FromSeconds(5.5));
        var lastAdvert = lan.SentBy(r1)[^1].At;

        r1.SetLink(false);
        lan.Run(TimeSpan.FromSeconds(5));
        r1.SetLink(true);
        lan.Run(TimeSpan.FromSeconds(5));

        Assert.Equal(lastAdvert + s_down100, lan.HolderChanges.Single(h => h.Router == "r2" && h.Held).At);
        Assert.Equal(
            ["(VI_1) Entering FAULT STATE", "(VI_1) sent 0 priority", "(VI_1) removing VIPs."],
            KeepalivedLines(r1).SkipWhile(l => !l.Contains("FAULT", StringComparison.Ordinal)).Take(3));
        Assert.Contains("Netlink reports eth0 down", r1.Log.Messages);
        Assert.Contains("(VI_1) Entering BACKUP STATE", r1.Log.Messages);
        Assert.Equal((VrrpState.Master, VrrpState.Backup), (r1.State(), r2.State()));
    }

    [Fact]
    public void TrackerFault_OnMaster_HandsOverAfterSkewTime()
    {
        using var lan = new VirtualLan();
        var r1 = lan.AddRouter("r1", "192.0.2.1", VirtualLan.Instance(150));
        var r2 = lan.AddRouter("r2", "192.0.2.2", VirtualLan.Instance(100));
        lan.StartAll();
        lan.Run(TimeSpan.FromSeconds(5.5));
        var at = lan.Time.Elapsed;

        r1.Engine.PostFault("VI_1", VrrpFaultReasons.TrackerFailed, true);
        lan.Run(TimeSpan.FromSeconds(2));

        Assert.Equal(VrrpState.Fault, r1.State());
        Assert.Equal(at + s_skew100, lan.HolderChanges.Single(h => h.Router == "r2" && h.Held).At);
    }

    [Fact]
    public void PriorityDrop_OnMaster_LetsTheBackupPreempt()
    {
        using var lan = new VirtualLan();
        var r1 = lan.AddRouter("r1", "192.0.2.1", VirtualLan.Instance(150));
        var r2 = lan.AddRouter("r2", "192.0.2.2", VirtualLan.Instance(100));
        lan.StartAll();
        lan.Run(TimeSpan.FromSeconds(5));

        r1.SetPriority(90);
        lan.Run(TimeSpan.FromSeconds(6));

        Assert.Equal((VrrpState.Backup, VrrpState.Master), (r1.State(), r2.State()));
        Assert.Equal(VrrpTransitionReason.Preempted, r2.Status().LastReason);
        Assert.Equal(["r2"], lan.HoldersOf("192.0.2.100"));
    }

    [Fact]
    public void Unicast_TwoPeers_ElectAndFailOver()
    {
        var s1 = VirtualLan.Instance(150) with { UnicastPeer = [new VrrpUnicastPeer(IPAddress.Parse("192.0.2.2"))] };
        var s2 = VirtualLan.Instance(100) with { UnicastPeer = [new VrrpUnicastPeer(IPAddress.Parse("192.0.2.1"))] };
        using var lan = new VirtualLan();
        var r1 = lan.AddRouter("r1", "192.0.2.1", s1);
        var r2 = lan.AddRouter("r2", "192.0.2.2", s2);
        lan.StartAll();
        lan.Run(TimeSpan.FromSeconds(5));

        r1.Stop();
        lan.Run(TimeSpan.FromSeconds(1));

        Assert.All(lan.SentBy(r1), p => Assert.Equal(IPAddress.Parse("192.0.2.2"), p.Destination));
        Assert.Equal(VrrpState.Master, r2.State());
        Assert.Equal(0, r2.Status().Statistics.ChecksumErr);
    }

    private static IReadOnlyList<string> KeepalivedLines(VirtualRouter r) =>
        [.. r.Log.Lines.Where(l => l.Level >= Microsoft.Extensions.Logging.LogLevel.Information).Select(l => l.Message)];

    /// <summary>Walks the holder log: at no instant (after all changes at that instant) do two routers hold a VIP.</summary>
    private static void AssertNeverTwoHolders(VirtualLan lan)
    {
        var holders = new Dictionary<IPAddress, HashSet<string>>();
        foreach (var change in lan.HolderChanges)
        {
            var set = holders.TryGetValue(change.Address, out var s) ? s : holders[change.Address] = [];
            if (change.Held)
            {
                set.Add(change.Router);
                Assert.True(set.Count <= 1, $"{change.Address} held by {string.Join(", ", set)} at {change.At}");
            }
            else
            {
                set.Remove(change.Router);
            }
        }
    }

    private static TimeSpan Us(long microseconds) => TimeSpan.FromTicks(microseconds * 10);
}
