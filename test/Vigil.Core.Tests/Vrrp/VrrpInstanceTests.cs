using System.Net;
using Vigil.Vrrp.Packet;
using E = Vigil.Vrrp.VrrpEffect;
using V = Vigil.Vrrp.VrrpEvent;

namespace Vigil.Vrrp.Tests;

/// <summary>State × stimulus table: next state, reason and the ordered effects.</summary>
public class VrrpInstanceTests
{
    private static readonly IPAddress s_me = IPAddress.Parse("192.0.2.2");
    private static readonly IPAddress s_lowerAddress = IPAddress.Parse("192.0.2.1");
    private static readonly IPAddress s_higherAddress = IPAddress.Parse("192.0.2.3");
    private static readonly TimeSpan s_t0 = TimeSpan.FromSeconds(100);

    [Fact]
    public void Startup_Backup_EntersBackupInitWithFullDownTimer()
    {
        var i = New();

        var t = i.Handle(new V.Startup(), s_t0);

        Assert.Equal((VrrpState.Init, VrrpState.Backup, VrrpTransitionReason.Startup), (t.From, t.To, t.Reason));
        Assert.Equal([new E.RemoveVirtualAddresses(), new E.Entered(VrrpState.Backup, VrrpTransitionReason.Startup), new E.Notify(VrrpNotifyState.Backup, 100)], t.Effects.ToArray());
        Assert.Equal(s_t0 + Us(3_609_375), i.MasterDownAt);
        Assert.Null(i.AdvertAt);
    }

    [Fact]
    public void Startup_AddressOwnerWithStateMaster_GoesMasterAtOnceAdvertFirst()
    {
        var i = New(Settings() with { Priority = 255, State = VrrpInitialState.Master });

        var t = i.Handle(new V.Startup(), s_t0);

        Assert.Equal((VrrpState.Master, VrrpTransitionReason.AddressOwner), (t.To, t.Reason));
        Assert.Equal(
            [
                new E.RemoveVirtualAddresses(), new E.ReceiveTimeout(), new E.Entered(VrrpState.Master, VrrpTransitionReason.AddressOwner),
                new E.SendAdvert(255), new E.AddVirtualAddresses(), new E.Announce(VrrpAnnounceReason.BecomeMaster, 5),
                new E.Notify(VrrpNotifyState.Master, 255),
            ],
            t.Effects.ToArray());
        Assert.Equal(s_t0 + TimeSpan.FromSeconds(1), i.AdvertAt);
    }

    [Fact]
    public void Startup_StateMasterBelow255_WaitsTheFullMasterDownInterval()
    {
        // Observed with keepalived 2.2.7: state MASTER priority 200 entered "BACKUP STATE (init)" and took over only
        // after the full 3 × 1 s + skew.
        var i = New(Settings() with { Priority = 200, State = VrrpInitialState.Master });

        var t = i.Handle(new V.Startup(), s_t0);

        Assert.Equal(VrrpState.Backup, t.To);
        Assert.Equal(s_t0 + Us(3_218_750), i.MasterDownAt);
    }

    [Fact]
    public void Startup_OwnerWithStateBackup_WaitsOnlyThreeIntervalsAndTheMinimalSkew()
    {
        var i = New(Settings() with { Priority = 255 });

        i.Handle(new V.Startup(), s_t0);

        Assert.Equal(VrrpState.Backup, i.State);
        Assert.Equal(s_t0 + Us(3_003_906), i.MasterDownAt);
    }

    [Fact]
    public void Startup_WithoutSourceAddress_EntersFault()
    {
        var i = new VrrpInstance(Settings());

        var t = i.Handle(new V.Startup(), s_t0);

        Assert.Equal((VrrpState.Fault, VrrpTransitionReason.Startup), (t.To, t.Reason));
        Assert.Equal(
            [
                new E.InitialFault(VrrpFaultReasons.NoSourceAddress), new E.Entered(VrrpState.Fault, VrrpTransitionReason.Startup),
                new E.RemoveVirtualAddresses(), new E.Notify(VrrpNotifyState.Fault, 100),
            ],
            t.Effects.ToArray());
        Assert.Null(i.NextDeadline);
    }

    [Fact]
    public void MasterDownTimer_InBackup_BecomesMasterAdvertThenAddressesThenGarpThenNotify()
    {
        var i = Started();
        var at = i.MasterDownAt!.Value;

        var t = i.Handle(new V.TimerElapsed(), at);

        Assert.Equal((VrrpState.Backup, VrrpState.Master, VrrpTransitionReason.MasterNoResponse), (t.From, t.To, t.Reason));
        Assert.Equal(
            [
                new E.ReceiveTimeout(), new E.Entered(VrrpState.Master, VrrpTransitionReason.MasterNoResponse), new E.SendAdvert(100),
                new E.AddVirtualAddresses(), new E.Announce(VrrpAnnounceReason.BecomeMaster, 5), new E.Notify(VrrpNotifyState.Master, 100),
            ],
            t.Effects.ToArray());
        Assert.Equal(at + TimeSpan.FromSeconds(1), i.AdvertAt);
        Assert.Equal(1, i.Counters.BecomeMaster);
        Assert.Equal(1, i.Counters.AdvertSent);
    }

    [Fact]
    public void Timer_BeforeDeadline_DoesNothing()
    {
        var i = Started();

        var t = i.Handle(new V.TimerElapsed(), i.MasterDownAt!.Value - TimeSpan.FromTicks(1));

        Assert.Equal(VrrpState.Backup, t.To);
        Assert.Empty(t.Effects);
    }

    [Fact]
    public void Advert_HigherPriorityInBackup_RestartsDownTimer()
    {
        var i = Started();
        var at = s_t0 + TimeSpan.FromSeconds(2);

        var t = i.Handle(Advert(s_lowerAddress, 150), at);

        Assert.Empty(t.Effects);
        Assert.Equal(at + Us(3_609_375), i.MasterDownAt);
        Assert.Equal((s_lowerAddress, 150), (i.MasterAddress, i.MasterPriority));
    }

    [Fact]
    public void Advert_EqualPriorityInBackup_IsAcceptedWhateverTheAddress()
    {
        // RFC 5798 §6.4.2: "greater than or equal to the local Priority" resets the timer.
        var i = Started();
        var at = s_t0 + TimeSpan.FromSeconds(2);

        i.Handle(Advert(s_lowerAddress, 100), at);

        Assert.Equal(at + Us(3_609_375), i.MasterDownAt);
    }

    [Fact]
    public void Advert_LowerPriorityInBackup_IsDiscardedAndTheTimerKeepsRunning()
    {
        var i = Started(Settings() with { Priority = 150 });
        var deadline = i.MasterDownAt;

        var t = i.Handle(Advert(s_lowerAddress, 100), s_t0 + TimeSpan.FromSeconds(2));

        Assert.Equal([new E.LowerPriorityDiscarded(s_lowerAddress, 100)], t.Effects.ToArray());
        Assert.Equal(deadline, i.MasterDownAt);
        var takeover = i.Handle(new V.TimerElapsed(), deadline!.Value);
        Assert.Equal((VrrpState.Master, VrrpTransitionReason.Preempted), (takeover.To, takeover.Reason));
    }

    [Fact]
    public void Advert_LowerPriorityInBackupWithNopreempt_IsAccepted()
    {
        var i = Started(Settings() with { Priority = 150, NoPreempt = true });
        var at = s_t0 + TimeSpan.FromSeconds(2);

        var t = i.Handle(Advert(s_lowerAddress, 100), at);

        Assert.Empty(t.Effects);
        Assert.Equal(at + Us(3_414_062), i.MasterDownAt);
    }

    [Fact]
    public void Advert_PriorityZeroInBackup_ShortensTimerToSkew()
    {
        var i = Started();
        i.Handle(Advert(s_higherAddress, 150), s_t0 + TimeSpan.FromSeconds(1));
        var at = s_t0 + TimeSpan.FromSeconds(2);

        var t = i.Handle(Advert(s_higherAddress, 0), at);

        Assert.Equal([new E.BackupPriorityZero()], t.Effects.ToArray());
        Assert.Equal(at + Us(609_375), i.MasterDownAt);
        var takeover = i.Handle(new V.TimerElapsed(), at + Us(609_375));
        Assert.Equal((VrrpState.Master, VrrpTransitionReason.PriorityZero), (takeover.To, takeover.Reason));
    }

    [Fact]
    public void Advert_V3BackupGetsOtherInterval_LearnsItAndRevertsAsMaster()
    {
        var i = Started(Settings() with { Version = VrrpVersion.V3 });
        var at = s_t0 + TimeSpan.FromSeconds(1);

        var t = i.Handle(Advert(s_higherAddress, 150, intervalMs: 2000), at);

        Assert.Equal([new E.IntervalLearned(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2))], t.Effects.ToArray());
        Assert.Equal(TimeSpan.FromSeconds(2), i.MasterAdverInterval);
        Assert.Equal(at + Us(7_218_750), i.MasterDownAt);

        i.Handle(new V.TimerElapsed(), at + Us(7_218_750));

        Assert.Equal(VrrpState.Master, i.State);
        Assert.Equal(TimeSpan.FromSeconds(1), i.MasterAdverInterval);
        Assert.Equal(at + Us(7_218_750) + TimeSpan.FromSeconds(1), i.AdvertAt);
    }

    [Fact]
    public void Advert_V2BackupNeverLearnsAnInterval()
    {
        var i = Started();

        i.Handle(Advert(s_higherAddress, 150, intervalMs: 2000), s_t0);

        Assert.Equal(TimeSpan.FromSeconds(1), i.MasterAdverInterval);
    }

    [Fact]
    public void Advert_LowerPriorityInMaster_AnswersWithAdvertGarpsAndLowerPriorityNotify()
    {
        var i = Master();
        var at = i.AdvertAt!.Value - TimeSpan.FromMilliseconds(300);

        var t = i.Handle(Advert(s_lowerAddress, 50), at);

        Assert.Equal(VrrpState.Master, t.To);
        Assert.Equal(
            [
                new E.MasterLowerPriority(s_lowerAddress, 50, 100), new E.SendAdvert(100),
                new E.Announce(VrrpAnnounceReason.LowerPriority, 5), new E.Notify(VrrpNotifyState.MasterRxLowerPri, 100),
            ],
            t.Effects.ToArray());
        Assert.Equal(at + TimeSpan.FromSeconds(1), i.AdvertAt);
    }

    [Fact]
    public void Advert_LowerPriorityInMasterWithLowerPrioNoAdvert_SendsNoAdvert()
    {
        var i = Master(Settings() with { LowerPrioNoAdvert = true, GarpLowerPrioRepeat = 2 });
        var advertAt = i.AdvertAt;

        var t = i.Handle(Advert(s_lowerAddress, 50), advertAt!.Value - TimeSpan.FromMilliseconds(300));

        Assert.DoesNotContain(t.Effects, e => e is E.SendAdvert);
        Assert.Contains(new E.Announce(VrrpAnnounceReason.LowerPriority, 2), t.Effects);
        Assert.Equal(advertAt, i.AdvertAt);
    }

    [Fact]
    public void Advert_SamePriorityLowerAddressInMaster_IsTreatedAsLower()
    {
        // keepalived 2.2.7: "Received advert from 192.0.2.1 with lower priority 100, ours 100, forcing new election"
        var i = Master();

        var t = i.Handle(Advert(s_lowerAddress, 100), i.AdvertAt!.Value - TimeSpan.FromMilliseconds(1));

        Assert.Equal(VrrpState.Master, t.To);
        Assert.Equal(new E.MasterLowerPriority(s_lowerAddress, 100, 100), t.Effects[0]);
    }

    [Fact]
    public void Advert_SamePriorityFromOurOwnAddressInMaster_IsIgnoredNotAnswered()
    {
        var i = Master();
        var advertAt = i.AdvertAt;

        var t = i.Handle(Advert(s_me, 100), advertAt!.Value - TimeSpan.FromMilliseconds(1));

        Assert.Equal([new E.ConflictingAdvert(s_me)], t.Effects.ToArray());
        Assert.Equal(advertAt, i.AdvertAt);
    }

    [Fact]
    public void Advert_SamePriorityHigherAddressInMaster_YieldsToBackup()
    {
        // keepalived 2.2.7: "Master received advert from 192.0.2.2 with same priority 100 but higher IP address than ours"
        var i = Master();
        var at = i.AdvertAt!.Value - TimeSpan.FromMilliseconds(1);

        var t = i.Handle(Advert(s_higherAddress, 100), at);

        Assert.Equal((VrrpState.Backup, VrrpTransitionReason.HigherPriorityAdvert), (t.To, t.Reason));
        Assert.Equal(
            [
                new E.MasterSamePriorityHigherAddress(s_higherAddress, 100), new E.Entered(VrrpState.Backup, VrrpTransitionReason.HigherPriorityAdvert),
                new E.RemoveVirtualAddresses(), new E.Notify(VrrpNotifyState.Backup, 100),
            ],
            t.Effects.ToArray());
        Assert.Equal(at + Us(3_609_375), i.MasterDownAt);
        Assert.Null(i.AdvertAt);
        Assert.Equal(1, i.Counters.ReleaseMaster);
    }

    [Fact]
    public void Advert_HigherPriorityInMaster_YieldsToBackup()
    {
        var i = Master();

        var t = i.Handle(Advert(s_lowerAddress, 200), i.AdvertAt!.Value - TimeSpan.FromMilliseconds(1));

        Assert.Equal(VrrpState.Backup, t.To);
        Assert.Equal(new E.MasterHigherPriority(s_lowerAddress, 200, 100), t.Effects[0]);
        Assert.Equal(new E.Entered(VrrpState.Backup, VrrpTransitionReason.HigherPriorityAdvert), t.Effects[1]);
    }

    [Fact]
    public void Advert_HigherPriorityInMasterWithHigherPrioSendAdvert_SendsOneAdvertFirst()
    {
        var i = Master(Settings() with { HigherPrioSendAdvert = true });

        var t = i.Handle(Advert(s_lowerAddress, 200), i.AdvertAt!.Value - TimeSpan.FromMilliseconds(1));

        Assert.Equal([new E.MasterHigherPriority(s_lowerAddress, 200, 100), new E.SendAdvert(100)], t.Effects.Take(2).ToArray());
        Assert.Null(i.AdvertAt);
    }

    [Fact]
    public void Advert_HigherPriorityV3InMaster_LearnsIntervalBeforeEnteringBackup()
    {
        var i = Master(Settings() with { Version = VrrpVersion.V3 });

        var t = i.Handle(Advert(s_higherAddress, 200, intervalMs: 2000), i.AdvertAt!.Value - TimeSpan.FromMilliseconds(1));

        // Order observed with keepalived 2.2.7: "Master received advert …", "advertisement interval updated …",
        // "Entering BACKUP STATE", "removing VIPs."
        Assert.IsType<E.MasterHigherPriority>(t.Effects[0]);
        Assert.Equal(new E.IntervalLearned(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)), t.Effects[1]);
        Assert.IsType<E.Entered>(t.Effects[2]);
    }

    [Fact]
    public void Advert_PriorityZeroInMaster_SendsAdvertAtOnceAndRestartsAdvertTimer()
    {
        var i = Master();
        var at = i.AdvertAt!.Value - TimeSpan.FromMilliseconds(500);

        var t = i.Handle(Advert(s_lowerAddress, 0), at);

        Assert.Equal([new E.MasterPriorityZero(), new E.SendAdvert(100)], t.Effects.ToArray());
        Assert.Equal(at + TimeSpan.FromSeconds(1), i.AdvertAt);
    }

    [Fact]
    public void Timer_InMaster_AdvertisesEveryIntervalAndRepeatsGarpAfterMasterDelay()
    {
        var i = Master(Settings() with { GarpMasterDelay = TimeSpan.FromSeconds(2), GarpMasterRepeat = 3 });
        var start = i.AdvertAt!.Value - TimeSpan.FromSeconds(1);
        var sent = new List<(TimeSpan, E)>();

        for (var k = 0; k < 3; k++)
        {
            var at = i.NextDeadline!.Value;
            sent.AddRange(i.Handle(new V.TimerElapsed(), at).Effects.Select(e => (at - start, e)));
        }

        Assert.Equal(
            [
                (TimeSpan.FromSeconds(1), (E)new E.SendAdvert(100)),
                (TimeSpan.FromSeconds(2), new E.SendAdvert(100)),
                (TimeSpan.FromSeconds(2), new E.Announce(VrrpAnnounceReason.MasterDelayed, 3)),
                (TimeSpan.FromSeconds(3), new E.SendAdvert(100)),
            ],
            sent.ToArray());
    }

    [Fact]
    public void Timer_InMasterWithGarpMasterRefresh_AnnouncesPeriodically()
    {
        var i = Master(Settings() with { GarpMasterDelay = TimeSpan.Zero, GarpMasterRefresh = TimeSpan.FromSeconds(10), GarpMasterRefreshRepeat = 2, AdvertInt = TimeSpan.FromSeconds(7) });
        var start = i.AdvertAt!.Value - TimeSpan.FromSeconds(7);
        var announces = new List<TimeSpan>();

        while (i.NextDeadline!.Value - start <= TimeSpan.FromSeconds(30))
        {
            var at = i.NextDeadline!.Value;
            if (i.Handle(new V.TimerElapsed(), at).Effects.Contains(new E.Announce(VrrpAnnounceReason.Refresh, 2)))
            {
                announces.Add(at - start);
            }
        }

        Assert.Equal([TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(30)], announces);
    }

    [Fact]
    public void Timer_AfterLowerPriorityAdvert_RepeatsGarpAfterLowerPrioDelay()
    {
        var i = Master(Settings() with { AdvertInt = TimeSpan.FromSeconds(10), GarpMasterDelay = TimeSpan.Zero, GarpLowerPrioDelay = TimeSpan.FromMilliseconds(1500), GarpLowerPrioRepeat = 1 });
        var at = i.AdvertAt!.Value - TimeSpan.FromMilliseconds(200);
        i.Handle(Advert(s_lowerAddress, 50), at);

        Assert.Equal(at + TimeSpan.FromMilliseconds(1500), i.NextDeadline);
        var t = i.Handle(new V.TimerElapsed(), at + TimeSpan.FromMilliseconds(1500));

        Assert.Equal([new E.Announce(VrrpAnnounceReason.LowerPriorityDelayed, 1)], t.Effects.ToArray());
    }

    [Fact]
    public void Fault_InMaster_SendsPriorityZeroAndReleasesAddresses()
    {
        var i = Master();

        var t = i.Handle(new V.FaultChanged(VrrpFaultReasons.InterfaceDown, true), s_t0 + TimeSpan.FromSeconds(10));

        Assert.Equal((VrrpState.Fault, VrrpTransitionReason.FaultRaised), (t.To, t.Reason));
        Assert.Equal(
            [
                new E.Entered(VrrpState.Fault, VrrpTransitionReason.FaultRaised), new E.SendAdvert(0),
                new E.RemoveVirtualAddresses(), new E.Notify(VrrpNotifyState.Fault, 100),
            ],
            t.Effects.ToArray());
        Assert.Null(i.NextDeadline);
        Assert.Equal(1, i.Counters.PriZeroSent);
        Assert.False(i.IsListening);
    }

    [Fact]
    public void Fault_InBackup_StopsTheTimer()
    {
        var i = Started();

        var t = i.Handle(new V.FaultChanged(VrrpFaultReasons.TrackerFailed, true), s_t0 + TimeSpan.FromSeconds(1));

        Assert.Equal([new E.Entered(VrrpState.Fault, VrrpTransitionReason.FaultRaised), new E.Notify(VrrpNotifyState.Fault, 100)], t.Effects.ToArray());
        Assert.Null(i.NextDeadline);
    }

    [Fact]
    public void Fault_HeldWhileAnyReasonRemains_ThenBackupWithFreshTimer()
    {
        var i = Started();
        i.Handle(new V.FaultChanged(VrrpFaultReasons.InterfaceDown, true), s_t0 + TimeSpan.FromSeconds(1));
        i.Handle(new V.FaultChanged(VrrpFaultReasons.TrackerFailed, true), s_t0 + TimeSpan.FromSeconds(2));

        var partial = i.Handle(new V.FaultChanged(VrrpFaultReasons.InterfaceDown, false), s_t0 + TimeSpan.FromSeconds(3));
        var cleared = i.Handle(new V.FaultChanged(VrrpFaultReasons.TrackerFailed, false), s_t0 + TimeSpan.FromSeconds(4));

        Assert.Equal(VrrpState.Fault, partial.To);
        Assert.Empty(partial.Effects);
        Assert.Equal((VrrpState.Backup, VrrpTransitionReason.FaultCleared), (cleared.To, cleared.Reason));
        Assert.Equal([new E.Entered(VrrpState.Backup, VrrpTransitionReason.FaultCleared), new E.Notify(VrrpNotifyState.Backup, 100)], cleared.Effects.ToArray());
        Assert.Equal(s_t0 + TimeSpan.FromSeconds(4) + Us(3_609_375), i.MasterDownAt);
    }

    [Fact]
    public void Fault_ClearedForAddressOwner_GoesStraightToMaster()
    {
        var i = Started(Settings() with { Priority = 255, State = VrrpInitialState.Master });
        i.Handle(new V.FaultChanged(VrrpFaultReasons.InterfaceDown, true), s_t0 + TimeSpan.FromSeconds(1));

        var t = i.Handle(new V.FaultChanged(VrrpFaultReasons.InterfaceDown, false), s_t0 + TimeSpan.FromSeconds(2));

        Assert.Equal((VrrpState.Master, VrrpTransitionReason.AddressOwner), (t.To, t.Reason));
    }

    [Fact]
    public void SourceAddress_Lost_IsAFaultAndRegainedEndsIt()
    {
        var i = Started();

        var lost = i.Handle(new V.SourceAddressChanged(null), s_t0 + TimeSpan.FromSeconds(1));
        var back = i.Handle(new V.SourceAddressChanged(s_me), s_t0 + TimeSpan.FromSeconds(2));

        Assert.Equal(VrrpState.Fault, lost.To);
        Assert.Equal(VrrpState.Backup, back.To);
    }

    [Fact]
    public void Shutdown_InMaster_SendsPriorityZeroReleasesAndNotifiesStop()
    {
        var i = Master();

        var t = i.Handle(new V.Shutdown(), s_t0 + TimeSpan.FromSeconds(9));

        Assert.Equal((VrrpState.Init, VrrpTransitionReason.Shutdown), (t.To, t.Reason));
        Assert.Equal([new E.SendAdvert(0), new E.RemoveVirtualAddresses(), new E.Notify(VrrpNotifyState.Stop, 100)], t.Effects.ToArray());
        Assert.Null(i.NextDeadline);
        Assert.Empty(i.Handle(new V.Startup(), s_t0 + TimeSpan.FromSeconds(10)).Effects);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Shutdown_InBackupOrFault_OnlyNotifiesStop(bool fault)
    {
        var i = Started();
        if (fault)
        {
            i.Handle(new V.FaultChanged(VrrpFaultReasons.InterfaceDown, true), s_t0);
        }

        var t = i.Handle(new V.Shutdown(), s_t0 + TimeSpan.FromSeconds(1));

        Assert.Equal([new E.Notify(VrrpNotifyState.Stop, 100)], t.Effects.ToArray());
    }

    [Fact]
    public void PriorityChanged_InBackup_RecomputesTheRunningTimerFromItsStart()
    {
        var i = Started();

        i.Handle(new V.PriorityChanged(200), s_t0 + TimeSpan.FromSeconds(1));

        Assert.Equal(200, i.EffectivePriority);
        Assert.Equal(s_t0 + Us(3_218_750), i.MasterDownAt);
    }

    [Fact]
    public void PriorityChanged_InMaster_NextAdvertCarriesItAndFifoIsToldWhenAsked()
    {
        var i = Master(Settings() with { NotifyPriorityChanges = true });

        var change = i.Handle(new V.PriorityChanged(80), s_t0 + TimeSpan.FromSeconds(5));
        var advert = i.Handle(new V.TimerElapsed(), i.AdvertAt!.Value);

        Assert.Equal([new E.EffectivePriorityChanged(100, 80), new E.Notify(VrrpNotifyState.MasterPriority, 80)], change.Effects.ToArray());
        Assert.Equal([new E.SendAdvert(80)], advert.Effects.ToArray());
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(300, 254)]
    public void PriorityChanged_OutOfRange_IsClamped(int asked, int effective)
    {
        var i = Started();

        i.Handle(new V.PriorityChanged(asked), s_t0);

        Assert.Equal(effective, i.EffectivePriority);
    }

    [Fact]
    public void PriorityChanged_ForAddressOwner_IsIgnored()
    {
        var i = Started(Settings() with { Priority = 255, State = VrrpInitialState.Master });

        i.Handle(new V.PriorityChanged(100), s_t0);

        Assert.Equal(255, i.EffectivePriority);
    }

    [Fact]
    public void PreemptDelay_FromStartup_AcceptsLowerAdvertsUntilItEnds()
    {
        // Observed with 2.2.7 (priority 200, preempt_delay 3, a priority-100 master): adverts were accepted for 3 s
        // ("start preempt delay (3.000000)"), then "received lower priority (100) advert … discarding", and the
        // takeover came one Master_Down_Interval after the last accepted advert.
        var i = New(Settings() with { Priority = 200, PreemptDelay = TimeSpan.FromSeconds(3) });
        var start = i.Handle(new V.Startup(), s_t0);
        Assert.Contains(new E.PreemptDelayStarted(TimeSpan.FromSeconds(3)), start.Effects);

        for (var k = 1; k <= 2; k++)
        {
            Assert.Empty(i.Handle(Advert(s_lowerAddress, 100), s_t0 + TimeSpan.FromSeconds(k)).Effects);
        }

        var late = i.Handle(Advert(s_lowerAddress, 100), s_t0 + TimeSpan.FromSeconds(3));
        Assert.Equal([new E.LowerPriorityDiscarded(s_lowerAddress, 100)], late.Effects.ToArray());
        Assert.Equal(s_t0 + TimeSpan.FromSeconds(2) + Us(3_218_750), i.MasterDownAt);
        Assert.Equal(VrrpTransitionReason.Preempted, i.Handle(new V.TimerElapsed(), i.MasterDownAt!.Value).Reason);
    }

    [Fact]
    public void PreemptDelay_AfterAHigherMaster_RestartsOnTheFirstLowerAdvert()
    {
        var i = New(Settings() with { Priority = 150, PreemptDelay = TimeSpan.FromSeconds(5) });
        i.Handle(new V.Startup(), s_t0);
        i.Handle(Advert(s_higherAddress, 200), s_t0 + TimeSpan.FromSeconds(10));

        var first = i.Handle(Advert(s_lowerAddress, 100), s_t0 + TimeSpan.FromSeconds(20));
        var within = i.Handle(Advert(s_lowerAddress, 100), s_t0 + TimeSpan.FromSeconds(24));
        var after = i.Handle(Advert(s_lowerAddress, 100), s_t0 + TimeSpan.FromSeconds(25));

        Assert.Equal([new E.PreemptDelayStarted(TimeSpan.FromSeconds(5))], first.Effects.ToArray());
        Assert.Empty(within.Effects);
        Assert.Equal([new E.LowerPriorityDiscarded(s_lowerAddress, 100)], after.Effects.ToArray());
    }

    [Fact]
    public void PreemptDelay_WithStateMaster_IsIgnored()
    {
        var i = New(Settings() with { Priority = 200, State = VrrpInitialState.Master, PreemptDelay = TimeSpan.FromSeconds(3) });
        i.Handle(new V.Startup(), s_t0);

        var t = i.Handle(Advert(s_lowerAddress, 100), s_t0 + TimeSpan.FromSeconds(1));

        Assert.Equal([new E.LowerPriorityDiscarded(s_lowerAddress, 100)], t.Effects.ToArray());
    }

    [Fact]
    public void SyncGroupMember_TimerExpiry_WaitsForTheGroupsDecision()
    {
        var i = new VrrpInstance(Settings(), holdForSyncGroup: true);
        i.Handle(new V.SourceAddressChanged(s_me), s_t0);
        i.Handle(new V.Startup(), s_t0);

        var wants = i.Handle(new V.TimerElapsed(), i.MasterDownAt!.Value);
        var granted = i.Handle(new V.SyncGroupDecision(VrrpState.Master), s_t0 + TimeSpan.FromSeconds(5));

        Assert.Equal([new E.ReceiveTimeout(), new E.WantState(VrrpState.Master)], wants.Effects.ToArray());
        Assert.Equal(VrrpState.Backup, wants.To);
        Assert.Equal((VrrpState.Master, VrrpTransitionReason.SyncGroup), (granted.To, granted.Reason));
    }

    [Fact]
    public void SyncGroupMember_AdvertWhileWaiting_WithdrawsTheWishAndForcedBackupLeavesMaster()
    {
        var i = new VrrpInstance(Settings(), holdForSyncGroup: true);
        i.Handle(new V.SourceAddressChanged(s_me), s_t0);
        i.Handle(new V.Startup(), s_t0);
        i.Handle(new V.TimerElapsed(), i.MasterDownAt!.Value);

        var withdrawn = i.Handle(Advert(s_higherAddress, 150), s_t0 + TimeSpan.FromSeconds(5));
        var ignored = i.Handle(new V.SyncGroupDecision(VrrpState.Master), s_t0 + TimeSpan.FromSeconds(5));

        Assert.Equal([new E.WantState(VrrpState.Backup)], withdrawn.Effects.ToArray());
        Assert.Equal(VrrpState.Backup, ignored.To);
        Assert.Equal(VrrpState.Backup, i.WantedState);
    }

    [Fact]
    public void SyncGroupDecision_BackupForAMaster_ReleasesWithoutPriorityZero()
    {
        var i = Master();

        var t = i.Handle(new V.SyncGroupDecision(VrrpState.Backup), s_t0 + TimeSpan.FromSeconds(9));

        Assert.Equal(
            [new E.Entered(VrrpState.Backup, VrrpTransitionReason.SyncGroup), new E.RemoveVirtualAddresses(), new E.Notify(VrrpNotifyState.Backup, 100)],
            t.Effects.ToArray());
    }

    [Fact]
    public void Receive_InFault_IsNotListening()
    {
        var i = Started();
        i.Handle(new V.FaultChanged(VrrpFaultReasons.InterfaceDown, true), s_t0);
        var p = new TestPacket();

        var (result, transition) = i.Receive(p.Build(), p.Meta(), s_t0);

        Assert.Equal(VrrpVerdict.NotListening, result.Verdict);
        Assert.Null(transition);
        Assert.Equal(0, i.Counters.AdvertRcvd);
        Assert.Equal(1, i.Counters.Verdict(VrrpVerdict.NotListening));
    }

    [Fact]
    public void Receive_ValidPriorityZero_CountsAndHandles()
    {
        var i = Started();
        var p = new TestPacket { Priority = 0 };

        var (result, transition) = i.Receive(p.Build(), p.Meta(), s_t0 + TimeSpan.FromSeconds(1));

        Assert.Equal(VrrpVerdict.Accepted, result.Verdict);
        Assert.Equal([new E.BackupPriorityZero()], transition!.Effects.ToArray());
        Assert.Equal((1, 1), (i.Counters.AdvertRcvd, i.Counters.PriZeroRcvd));
    }

    [Fact]
    public void Receive_BadPackets_FeedKeepalivedsCounters()
    {
        var i = Started();
        foreach (var p in new TestPacket[] { new() { Ttl = 3 }, new() { Ttl = 3 }, new() { Extra = 4 }, new() { Type = 3 }, new() { AuthType = 1 }, new() { AuthType = 7 }, new() { Interval = 3 }, new() { Checksum = 1 }, new() { Vips = ["192.0.2.101"], Priority = 50 } })
        {
            i.Receive(p.Build(), p.Meta(), s_t0);
        }

        var s = i.Counters.Snapshot();
        Assert.Equal(
            (2L, 1L, 1L, 1L, 1L, 1L, 1L, 1L, 1L),
            (s.IpTtlErr, s.PacketLenErr, s.InvalidType, s.AuthtypeMismatch, s.InvalidAuthtype, s.AdvertIntervalErr, s.ChecksumErr, s.AddrListErr, s.AdvertRcvd));
    }

    private static TimeSpan Us(long microseconds) => TimeSpan.FromTicks(microseconds * 10);

    private static VrrpInstanceSettings Settings() => TestSettings.Vi1;

    private static VrrpInstance New(VrrpInstanceSettings? settings = null)
    {
        var i = new VrrpInstance(settings ?? Settings());
        i.Handle(new V.SourceAddressChanged(s_me), TimeSpan.Zero);
        return i;
    }

    private static VrrpInstance Started(VrrpInstanceSettings? settings = null)
    {
        var i = New(settings);
        i.Handle(new V.Startup(), s_t0);
        return i;
    }

    private static VrrpInstance Master(VrrpInstanceSettings? settings = null)
    {
        var i = Started(settings);
        i.Handle(new V.TimerElapsed(), i.MasterDownAt!.Value);
        Assert.Equal(VrrpState.Master, i.State);
        return i;
    }

    private static V.AdvertReceived Advert(IPAddress source, int priority, int intervalMs = 1000) =>
        new(source, (byte)priority, TimeSpan.FromMilliseconds(intervalMs));
}
