using System.Net;
using Vigil.Vrrp.Packet;

namespace Vigil.Vrrp;

/// <summary>
/// One VRRP instance's state machine: keepalived's state × stimulus handlers (<c>vrrp_state_backup</c>,
/// <c>vrrp_state_master_rx</c>, <c>vrrp_state_master_tx</c>, …) re-implemented from RFC 3768/5798 and observed
/// keepalived 2.2.7 behaviour. No I/O, no clock: <c>now</c> is passed in, effects come back as data, and deadlines are
/// exposed through <see cref="NextDeadline"/> for the runner's single timer.
/// </summary>
internal sealed partial class VrrpInstance
{
    private readonly VrrpInstanceSettings _s;
    private readonly List<VrrpEffect> _effects = [];
    private readonly bool _noPreempt;
    private readonly TimeSpan _preemptDelay;

    private VrrpTransitionReason _reason;
    private bool _stopped;
    private bool _awaitingTrackers;

    // BACKUP: Master_Down_Timer, armed at _downStartedAt for either the full interval or (after priority 0) Skew_Time.
    private TimeSpan? _downAt;
    private TimeSpan _downStartedAt;
    private bool _sawPriorityZero;
    private bool _discardedLower;
    private TimeSpan? _preemptUntil;
    private bool _preemptRearm;

    private readonly bool _ownerTakesOverAtOnce;

    // MASTER: Adver_Timer and the GARP/NA follow-ups.
    private TimeSpan? _advertAt;
    private TimeSpan? _garpMasterDelayedAt;
    private TimeSpan? _garpLowerPrioDelayedAt;
    private TimeSpan? _garpRefreshAt;

    /// <param name="settings">Validated settings.</param>
    /// <param name="holdForSyncGroup">Member of a sync group: instead of taking MASTER on its own, the instance
    /// reports <see cref="VrrpEffect.WantState"/> and waits for <see cref="VrrpEvent.SyncGroupDecision"/>.</param>
    /// <param name="groupOfOwners">For a sync group member: every member of its group is an address owner with
    /// <c>state MASTER</c>. Only then does an owner take MASTER at once; in a mixed group it starts BACKUP like the
    /// others (observed with keepalived 2.2.7: "Entering BACKUP STATE (init)", then the group goes MASTER
    /// together), so the members are never MASTER apart.</param>
    public VrrpInstance(VrrpInstanceSettings settings, bool holdForSyncGroup = false, bool groupOfOwners = false)
    {
        var problems = settings.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException($"vrrp_instance {settings.Name}: {string.Join("; ", problems)}", nameof(settings));
        }

        _s = settings;
        HoldForSyncGroup = holdForSyncGroup;
        _ownerTakesOverAtOnce = settings.IsAddressOwner && settings.State == VrrpInitialState.Master && (!holdForSyncGroup || groupOfOwners);

        // keepalived clears nopreempt and preempt_delay for state MASTER ("Warning - nopreempt will not work with
        // initial state MASTER - clearing"); doing it here too keeps the state machine right whatever the mapping did.
        _noPreempt = settings.NoPreempt && settings.State == VrrpInitialState.Backup;
        _preemptDelay = settings.State == VrrpInitialState.Backup && !settings.NoPreempt ? settings.PreemptDelay : TimeSpan.Zero;
        EffectivePriority = settings.Priority;
        MasterAdverInterval = OwnInterval;
        SourceAddress = settings.McastSrcIp;

        // Without mcast_src_ip the source is the interface's primary address, which the runner reports; until then the
        // instance cannot advertise (keepalived stays in FAULT while an interface has no address).
        FaultReasons = SourceAddress is null ? VrrpFaultReasons.NoSourceAddress : VrrpFaultReasons.None;
    }

    public VrrpInstanceSettings Settings => _s;

    public string Name => _s.Name;

    public VrrpState State { get; private set; } = VrrpState.Init;

    /// <summary>The state the instance would choose on its own; differs from <see cref="State"/> only while a sync
    /// group holds it back.</summary>
    public VrrpState WantedState { get; private set; } = VrrpState.Init;

    public bool HoldForSyncGroup { get; }

    public VrrpFaultReasons FaultReasons { get; private set; }

    public int EffectivePriority { get; private set; }

    /// <summary>Our address for adverts and the tie-break: <c>mcast_src_ip</c>, else the interface's primary address.</summary>
    public IPAddress? SourceAddress { get; private set; }

    /// <summary>The master this backup follows (last accepted advert's source).</summary>
    public IPAddress? MasterAddress { get; private set; }

    public int MasterPriority { get; private set; }

    /// <summary>Master_Adver_Interval: our own interval, or (VRRPv3 backup) the master's.</summary>
    public TimeSpan MasterAdverInterval { get; private set; }

    /// <summary>A peer was seen using keepalived ≤ 1.3.6's unicast checksum; we send it too.</summary>
    public bool UseOldUnicastChecksum { get; private set; }

    public VrrpCounters Counters { get; } = new();

    /// <summary>The last transition that changed state.</summary>
    public VrrpTransition? LastTransition { get; private set; }

    /// <summary>When Master_Down_Timer fires (BACKUP), or null.</summary>
    public TimeSpan? MasterDownAt => _downAt;

    /// <summary>When the next advert goes out (MASTER), or null.</summary>
    public TimeSpan? AdvertAt => _advertAt;

    /// <summary>Earliest pending deadline, or null.</summary>
    public TimeSpan? NextDeadline => Min(Min(_downAt, _advertAt), Min(Min(_garpMasterDelayedAt, _garpLowerPrioDelayedAt), _garpRefreshAt));

    /// <summary>The instance listens to adverts (keepalived ignores them in INIT and FAULT).</summary>
    public bool IsListening => State is VrrpState.Backup or VrrpState.Master;

    private TimeSpan OwnInterval => VrrpCodec.WireInterval(_s.Version, _s.AdvertInt);

    private TimeSpan MasterDownInterval => VrrpTiming.MasterDownInterval(_s.Version, EffectivePriority, MasterAdverInterval, _s.DownTimerAdverts);

    private TimeSpan SkewTime => VrrpTiming.SkewTime(_s.Version, EffectivePriority, MasterAdverInterval);

    /// <summary>Handles one event at time <paramref name="now"/> (monotonic).</summary>
    public VrrpTransition Handle(VrrpEvent e, TimeSpan now)
    {
        _effects.Clear();
        _reason = VrrpTransitionReason.None;
        var from = State;
        if (!_stopped)
        {
            switch (e)
            {
                case VrrpEvent.Startup:
                    OnStartup(now);
                    break;
                case VrrpEvent.AdvertReceived a when State == VrrpState.Backup:
                    OnAdvertInBackup(a, now);
                    break;
                case VrrpEvent.AdvertReceived a when State == VrrpState.Master:
                    OnAdvertInMaster(a, now);
                    break;
                case VrrpEvent.TimerElapsed:
                    OnTimer(now);
                    break;
                case VrrpEvent.PriorityChanged p:
                    OnPriorityChanged(p.EffectivePriority, now);
                    break;
                case VrrpEvent.FaultChanged f:
                    OnFaultChanged(f.Reason, f.Active, now);
                    break;
                case VrrpEvent.SourceAddressChanged s:
                    OnSourceAddressChanged(s.Address, now);
                    break;
                case VrrpEvent.SyncGroupDecision d:
                    OnSyncGroupDecision(d.Allowed, now);
                    break;
                case VrrpEvent.Shutdown:
                    OnShutdown();
                    break;
            }
        }

        var transition = new VrrpTransition(from, State, from == State ? VrrpTransitionReason.None : _reason, [.. _effects]);
        if (transition.StateChanged)
        {
            LastTransition = transition;
        }

        return transition;
    }

    /// <summary>
    /// Validates a received payload, counts the verdict and, when accepted, handles it. INIT and FAULT instances do
    /// not listen (keepalived's dispatcher drops the packet before checking it).
    /// </summary>
    public (VrrpRxResult Result, VrrpTransition? Transition) Receive(ReadOnlySpan<byte> payload, in VrrpReceiveMeta meta, TimeSpan now)
    {
        if (!IsListening)
        {
            Counters.Count(VrrpVerdict.NotListening);
            return (new VrrpRxResult(VrrpVerdict.NotListening), null);
        }

        var result = VrrpPacketValidator.Validate(payload, meta, _s, MasterAddress, out var oldChecksum);
        Counters.Count(result.Verdict);
        if (!result.Verdict.IsAccepted())
        {
            return (result, null);
        }

        if (oldChecksum && _s.OldUnicastChecksum == VrrpOldUnicastChecksum.Auto)
        {
            UseOldUnicastChecksum = true;
        }

        var header = new VrrpHeader(payload);
        Counters.AdvertRcvd++;
        if (header.Priority == 0)
        {
            Counters.PriZeroRcvd++;
        }

        var advert = new VrrpEvent.AdvertReceived(meta.Source, header.Priority, header.AdvertisementInterval);
        return (result, Handle(advert, now));
    }

    /// <summary>The advert this instance sends now with <paramref name="priority"/> (addresses = VIPs).</summary>
    public VrrpAdvert BuildAdvert(byte priority) =>
        new(_s.Version, _s.VirtualRouterId, priority, OwnInterval, [.. _s.VirtualIpaddress.Select(v => v.Address)])
        {
            AuthType = _s.Version == VrrpVersion.V2 ? _s.AuthType : VrrpAuthType.None,
            AuthData = _s.Version == VrrpVersion.V2 ? VrrpCodec.PassAuthData(_s.AuthType == VrrpAuthType.Pass ? _s.AuthPass : null) : [],
        };

    private static TimeSpan? Min(TimeSpan? a, TimeSpan? b) => a is null ? b : b is null ? a : a < b ? a : b;

    /// <summary>Numeric comparison of two addresses of one family (RFC 5798 §6.4.3 "primary IP address … greater").</summary>
    private static int CompareAddresses(IPAddress a, IPAddress? b)
    {
        if (b is null)
        {
            return 1;
        }

        Span<byte> x = stackalloc byte[16];
        Span<byte> y = stackalloc byte[16];
        a.TryWriteBytes(x, out var nx);
        b.TryWriteBytes(y, out var ny);
        return nx != ny ? nx.CompareTo(ny) : x[..nx].SequenceCompareTo(y[..ny]);
    }

    private void Add(VrrpEffect effect) => _effects.Add(effect);

    private void Enter(VrrpState state, VrrpTransitionReason reason)
    {
        State = state;
        WantedState = state;
        _reason = reason;
        Add(new VrrpEffect.Entered(state, reason));
    }

    private void SendAdvert(byte priority, TimeSpan now)
    {
        Add(new VrrpEffect.SendAdvert(priority));
        Counters.AdvertSent++;
        if (priority == 0)
        {
            Counters.PriZeroSent++;
        }
        else
        {
            _advertAt = now + OwnInterval;
        }
    }

    private void ClearMasterTimers()
    {
        _advertAt = null;
        _garpMasterDelayedAt = null;
        _garpLowerPrioDelayedAt = null;
        _garpRefreshAt = null;
    }

    private void StartDownTimer(TimeSpan now, bool skewOnly)
    {
        _downStartedAt = now;
        _sawPriorityZero = skewOnly;
        _downAt = now + (skewOnly ? SkewTime : MasterDownInterval);
    }
}
