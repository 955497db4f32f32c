using System.Net;

namespace Vigil.Vrrp;

/// <summary>The state × stimulus handlers.</summary>
internal sealed partial class VrrpInstance
{
    private void OnStartup(TimeSpan now)
    {
        if (State != VrrpState.Init || _awaitingTrackers)
        {
            return;
        }

        if (FaultReasons == VrrpFaultReasons.TrackerPending)
        {
            // keepalived 2.2.7 with a weight-0 script that has not run: "removing VIPs." and nothing else; the instance
            // stays in INIT until the first result (then "Entering BACKUP STATE", or a silent FAULT with its notify).
            Add(new VrrpEffect.RemoveVirtualAddresses());
            _awaitingTrackers = true;
            return;
        }

        if (FaultReasons != VrrpFaultReasons.None)
        {
            // keepalived 2.2.7: "(VI_F): entering FAULT state (interface eth0 down)", "(VI_F) entering FAULT state",
            // "(VI_F) removing VIPs."
            Add(new VrrpEffect.InitialFault(FaultReasons));
            Enter(VrrpState.Fault, VrrpTransitionReason.Startup);
            Add(new VrrpEffect.RemoveVirtualAddresses());
            Add(new VrrpEffect.Notify(VrrpNotifyState.Fault, EffectivePriority));
            return;
        }

        // keepalived removes the VIPs at startup in case a previous run left them behind ("removing VIPs." before
        // "Entering BACKUP STATE (init)"): a VIP held by two machines is an outage.
        Add(new VrrpEffect.RemoveVirtualAddresses());
        if (IsOwnerWantingMaster)
        {
            // Address owner with state MASTER: its down timer is 1 µs, so keepalived logs the timeout and takes over.
            Add(new VrrpEffect.ReceiveTimeout());
            BecomeMaster(now, VrrpTransitionReason.AddressOwner);
            return;
        }

        EnterBackup(now, VrrpTransitionReason.Startup);
    }

    private bool IsOwnerWantingMaster => _ownerTakesOverAtOnce;

    /// <summary>keepalived <c>vrrp_state_backup</c> / RFC 5798 §6.4.2.</summary>
    private void OnAdvertInBackup(VrrpEvent.AdvertReceived a, TimeSpan now)
    {
        if (a.Priority == 0)
        {
            // RFC 5798 §6.4.2: Master_Down_Timer := Skew_Time.
            Add(new VrrpEffect.BackupPriorityZero());
            StartDownTimer(now, skewOnly: true);
            return;
        }

        var lower = a.Priority < EffectivePriority;
        if (!lower || _noPreempt || PreemptDelayAllows(now))
        {
            AcceptMaster(a, now);
            return;
        }

        // Discard: the timer keeps running (it is not restarted), so we take over when it fires.
        Add(new VrrpEffect.LowerPriorityDiscarded(a.Source, a.Priority));
        _discardedLower = true;
    }

    /// <summary>keepalived <c>vrrp_state_master_rx</c> / RFC 5798 §6.4.3.</summary>
    private void OnAdvertInMaster(VrrpEvent.AdvertReceived a, TimeSpan now)
    {
        if (a.Priority == 0)
        {
            // RFC 5798 §6.4.3: answer at once so the next election is quick; the advert timer restarts (observed).
            Add(new VrrpEffect.MasterPriorityZero());
            SendAdvert((byte)EffectivePriority, now);
            return;
        }

        var order = ((int)a.Priority).CompareTo(EffectivePriority);
        var addressOrder = CompareAddresses(a.Source, SourceAddress);
        if (order == 0 && addressOrder == 0)
        {
            // Our own priority from our own address: a looped-back advert or a duplicate address. Answering it would
            // make two such masters answer each other for ever; RFC 5798 §6.4.3 says discard, so we do.
            Add(new VrrpEffect.ConflictingAdvert(a.Source));
            return;
        }

        var theirsWins = order > 0 || (order == 0 && addressOrder > 0);
        if (!theirsWins)
        {
            // keepalived: "Received advert from X with lower priority P, ours Q, forcing new election", then an
            // advert (unless lower_prio_no_advert), garp_lower_prio_repeat GARPs now and again after
            // garp_lower_prio_delay (observed: 5 + 5 with the defaults), notify_master_rx_lower_pri.
            Add(new VrrpEffect.MasterLowerPriority(a.Source, a.Priority, EffectivePriority));
            if (!_s.LowerPrioNoAdvert)
            {
                SendAdvert((byte)EffectivePriority, now);
            }

            var repeat = _s.GarpLowerPrioRepeat ?? _s.GarpMasterRepeat;
            if (repeat > 0)
            {
                Add(new VrrpEffect.Announce(VrrpAnnounceReason.LowerPriority, repeat));
                var delay = _s.GarpLowerPrioDelay ?? _s.GarpMasterDelay;
                if (delay > TimeSpan.Zero)
                {
                    _garpLowerPrioDelayedAt = now + delay;
                }
            }

            Add(new VrrpEffect.Notify(VrrpNotifyState.MasterRxLowerPri, EffectivePriority));
            return;
        }

        Add(order > 0
            ? new VrrpEffect.MasterHigherPriority(a.Source, a.Priority, EffectivePriority)
            : new VrrpEffect.MasterSamePriorityHigherAddress(a.Source, a.Priority));
        if (_s.HigherPrioSendAdvert)
        {
            SendAdvert((byte)EffectivePriority, now);
        }

        MasterAddress = a.Source;
        MasterPriority = a.Priority;
        LearnInterval(a);
        LeaveMaster(VrrpState.Backup, VrrpTransitionReason.HigherPriorityAdvert);
        _discardedLower = false;
        _preemptUntil = null;
        _preemptRearm = _preemptDelay > TimeSpan.Zero;
        StartDownTimer(now, skewOnly: false);
    }

    private void OnTimer(TimeSpan now)
    {
        if (State == VrrpState.Backup && _downAt <= now)
        {
            OnMasterDownInBackup(now);
            return;
        }

        if (State != VrrpState.Master)
        {
            return;
        }

        if (_advertAt <= now)
        {
            SendAdvert((byte)EffectivePriority, now);
        }

        if (_garpMasterDelayedAt <= now)
        {
            _garpMasterDelayedAt = null;
            Add(new VrrpEffect.Announce(VrrpAnnounceReason.MasterDelayed, _s.GarpMasterRepeat));
        }

        if (_garpLowerPrioDelayedAt <= now)
        {
            _garpLowerPrioDelayedAt = null;
            Add(new VrrpEffect.Announce(VrrpAnnounceReason.LowerPriorityDelayed, _s.GarpLowerPrioRepeat ?? _s.GarpMasterRepeat));
        }

        if (_garpRefreshAt <= now)
        {
            _garpRefreshAt = now + _s.GarpMasterRefresh;
            Add(new VrrpEffect.Announce(VrrpAnnounceReason.Refresh, _s.GarpMasterRefreshRepeat));
        }
    }

    /// <summary>RFC 5798 §6.4.2: Master_Down_Timer fired.</summary>
    private void OnMasterDownInBackup(TimeSpan now)
    {
        _downAt = null;
        Add(new VrrpEffect.ReceiveTimeout());
        var reason = _sawPriorityZero ? VrrpTransitionReason.PriorityZero
            : _discardedLower ? VrrpTransitionReason.Preempted
            : VrrpTransitionReason.MasterNoResponse;
        if (HoldForSyncGroup)
        {
            // The group decides (members go MASTER together or not at all); until then the instance stays BACKUP.
            WantedState = VrrpState.Master;
            Add(new VrrpEffect.WantState(VrrpState.Master));
            return;
        }

        BecomeMaster(now, reason);
    }

    private void OnPriorityChanged(int priority, TimeSpan now)
    {
        // Address owners' priority never changes (man keepalived.conf: trackers cannot reduce 255).
        if (_s.IsAddressOwner)
        {
            return;
        }

        priority = Math.Clamp(priority, 1, 254);
        if (priority == EffectivePriority)
        {
            return;
        }

        Add(new VrrpEffect.EffectivePriorityChanged(EffectivePriority, priority));
        EffectivePriority = priority;
        if (State == VrrpState.Backup && _downAt is not null)
        {
            // Skew_Time depends on our priority: keep the timer's start, recompute its length.
            _downAt = _downStartedAt + (_sawPriorityZero ? SkewTime : MasterDownInterval);
            if (_downAt < now)
            {
                _downAt = now;
            }
        }

        // In MASTER the next advert carries the new priority.
        // keepalived also reports a change made before startup (a track_file read at start) as BACKUP_PRIORITY.
        if (_s.NotifyPriorityChanges && State is VrrpState.Master or VrrpState.Backup or VrrpState.Init && !_stopped)
        {
            Add(new VrrpEffect.Notify(State == VrrpState.Master ? VrrpNotifyState.MasterPriority : VrrpNotifyState.BackupPriority, priority));
        }
    }

    private void OnFaultChanged(VrrpFaultReasons reason, bool active, TimeSpan now)
    {
        var before = FaultReasons;
        FaultReasons = active ? before | reason : before & ~reason;
        if (State == VrrpState.Init)
        {
            if (_awaitingTrackers && !FaultReasons.HasFlag(VrrpFaultReasons.TrackerPending))
            {
                LeaveTrackerWait(now);
            }

            return;
        }

        if (before == VrrpFaultReasons.None && FaultReasons != VrrpFaultReasons.None)
        {
            if (State == VrrpState.Master)
            {
                // Leaving MASTER for FAULT sends priority 0 ("Entering FAULT STATE", "sent 0 priority",
                // "removing VIPs."); a member faulted by its sync group does not (observed: only "removing VIPs.").
                LeaveMaster(VrrpState.Fault, VrrpTransitionReason.FaultRaised, sendPriorityZero: reason != VrrpFaultReasons.SyncGroupFault);
            }
            else
            {
                _downAt = null;
                Enter(VrrpState.Fault, VrrpTransitionReason.FaultRaised);
                Add(new VrrpEffect.Notify(VrrpNotifyState.Fault, EffectivePriority));
            }
        }
        else if (before != VrrpFaultReasons.None && FaultReasons == VrrpFaultReasons.None && State == VrrpState.Fault)
        {
            if (IsOwnerWantingMaster)
            {
                BecomeMaster(now, VrrpTransitionReason.AddressOwner);
            }
            else
            {
                EnterBackup(now, VrrpTransitionReason.FaultCleared);
            }
        }
    }

    /// <summary>The first results of the weight-0 trackers arrived: BACKUP (logged without "(init)") or a silent FAULT.</summary>
    private void LeaveTrackerWait(TimeSpan now)
    {
        _awaitingTrackers = false;
        if (FaultReasons == VrrpFaultReasons.None)
        {
            if (IsOwnerWantingMaster)
            {
                BecomeMaster(now, VrrpTransitionReason.AddressOwner);
            }
            else
            {
                EnterBackup(now, VrrpTransitionReason.FaultCleared);
            }

            return;
        }

        // keepalived 2.2.7 logs nothing here, but notifies FAULT.
        State = VrrpState.Fault;
        WantedState = VrrpState.Fault;
        _reason = VrrpTransitionReason.FaultRaised;
        Add(new VrrpEffect.Notify(VrrpNotifyState.Fault, EffectivePriority));
    }

    private void OnSourceAddressChanged(IPAddress? address, TimeSpan now)
    {
        if (_s.McastSrcIp is not null)
        {
            return;
        }

        SourceAddress = address;
        OnFaultChanged(VrrpFaultReasons.NoSourceAddress, address is null, now);
    }

    private void OnSyncGroupDecision(VrrpState allowed, TimeSpan now)
    {
        if (allowed == VrrpState.Master && State == VrrpState.Backup && WantedState == VrrpState.Master)
        {
            BecomeMaster(now, VrrpTransitionReason.SyncGroup);
        }
        else if (allowed == VrrpState.Backup && State == VrrpState.Master)
        {
            LeaveMaster(VrrpState.Backup, VrrpTransitionReason.SyncGroup);
            StartDownTimer(now, skewOnly: false);
        }
    }

    private void OnShutdown()
    {
        // reference §3.7: a master sends one priority-0 advert, removes its addresses, then STOP notifies
        // (observed: "sent 0 priority", "removing VIPs.", notify "INSTANCE VI_1 STOP 150").
        if (State == VrrpState.Master)
        {
            ClearMasterTimers();
            Counters.ReleaseMaster++;
            SendAdvert(0, TimeSpan.Zero);
            Add(new VrrpEffect.RemoveVirtualAddresses());
        }

        if (State != VrrpState.Init)
        {
            Add(new VrrpEffect.Notify(VrrpNotifyState.Stop, EffectivePriority));
        }

        _downAt = null;
        _preemptUntil = null;
        State = VrrpState.Init;
        WantedState = VrrpState.Init;
        _reason = VrrpTransitionReason.Shutdown;
        _stopped = true;
    }

    private void EnterBackup(TimeSpan now, VrrpTransitionReason reason)
    {
        Enter(VrrpState.Backup, reason);
        MasterAdverInterval = OwnInterval;
        MasterAddress = null;
        MasterPriority = 0;
        _discardedLower = false;
        StartDownTimer(now, skewOnly: false);
        if (_preemptDelay > TimeSpan.Zero)
        {
            // keepalived: "(VI_1) start preempt delay (3.000000)" right after "Entering BACKUP STATE (init)".
            _preemptUntil = now + _preemptDelay;
            _preemptRearm = false;
            Add(new VrrpEffect.PreemptDelayStarted(_preemptDelay));
        }

        Add(new VrrpEffect.Notify(VrrpNotifyState.Backup, EffectivePriority));
    }

    private void BecomeMaster(TimeSpan now, VrrpTransitionReason reason)
    {
        _downAt = null;
        _preemptUntil = null;
        _sawPriorityZero = false;
        _discardedLower = false;
        MasterAdverInterval = OwnInterval;
        MasterAddress = SourceAddress;
        MasterPriority = EffectivePriority;
        Enter(VrrpState.Master, reason);
        Counters.BecomeMaster++;

        // reference §3.8: advert first, then the addresses, then GARP/NA.
        SendAdvert((byte)EffectivePriority, now);
        Add(new VrrpEffect.AddVirtualAddresses());
        if (_s.GarpMasterRepeat > 0)
        {
            Add(new VrrpEffect.Announce(VrrpAnnounceReason.BecomeMaster, _s.GarpMasterRepeat));
            if (_s.GarpMasterDelay > TimeSpan.Zero)
            {
                _garpMasterDelayedAt = now + _s.GarpMasterDelay;
            }
        }

        if (_s.GarpMasterRefresh > TimeSpan.Zero)
        {
            _garpRefreshAt = now + _s.GarpMasterRefresh;
        }

        Add(new VrrpEffect.Notify(VrrpNotifyState.Master, EffectivePriority));
    }

    private void LeaveMaster(VrrpState to, VrrpTransitionReason reason, bool sendPriorityZero = true)
    {
        ClearMasterTimers();
        Counters.ReleaseMaster++;
        Enter(to, reason);
        if (to == VrrpState.Fault && sendPriorityZero)
        {
            SendAdvert(0, TimeSpan.Zero);
        }

        Add(new VrrpEffect.RemoveVirtualAddresses());
        Add(new VrrpEffect.Notify(to == VrrpState.Fault ? VrrpNotifyState.Fault : VrrpNotifyState.Backup, EffectivePriority));
    }

    private void AcceptMaster(VrrpEvent.AdvertReceived a, TimeSpan now)
    {
        if (a.Priority >= EffectivePriority)
        {
            // A master at least as good as us cancels the preempt delay; it re-arms when a lower master shows up.
            _preemptUntil = null;
            _preemptRearm = _preemptDelay > TimeSpan.Zero;
        }

        MasterAddress = a.Source;
        MasterPriority = a.Priority;
        LearnInterval(a);
        _discardedLower = false;
        StartDownTimer(now, skewOnly: false);
        if (WantedState == VrrpState.Master)
        {
            WantedState = VrrpState.Backup;
            Add(new VrrpEffect.WantState(VrrpState.Backup));
        }
    }

    /// <summary>
    /// preempt_delay: a lower-priority advert is accepted (keeping us BACKUP) while the delay runs. It runs from
    /// entering BACKUP, or from the first lower-priority advert after a master at least as good as us (observed with
    /// 2.2.7: started at startup, adverts accepted until it ended, then "received lower priority … discarding").
    /// </summary>
    private bool PreemptDelayAllows(TimeSpan now)
    {
        if (_preemptDelay <= TimeSpan.Zero)
        {
            return false;
        }

        if (_preemptUntil is null)
        {
            if (!_preemptRearm)
            {
                return false;
            }

            _preemptRearm = false;
            _preemptUntil = now + _preemptDelay;
            Add(new VrrpEffect.PreemptDelayStarted(_preemptDelay));
            return true;
        }

        return now < _preemptUntil;
    }

    /// <summary>RFC 5798 §6.4.2: a VRRPv3 backup sets Master_Adver_Interval to the advertised interval.</summary>
    private void LearnInterval(VrrpEvent.AdvertReceived a)
    {
        if (_s.Version != Packet.VrrpVersion.V3 || a.AdvertisementInterval <= TimeSpan.Zero || a.AdvertisementInterval == MasterAdverInterval)
        {
            return;
        }

        // keepalived: "(VI_1) advertisement interval updated from 1000ms to 2000ms by master"
        Add(new VrrpEffect.IntervalLearned(MasterAdverInterval, a.AdvertisementInterval));
        MasterAdverInterval = a.AdvertisementInterval;
    }
}
