using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Vigil.Vrrp.Packet;
using Vigil.Vrrp.Ports;

namespace Vigil.Vrrp.Engine;

/// <summary>
/// Runs VRRP instances on one logical thread, like keepalived's single event loop. Sockets, link monitors, trackers
/// and the timer only <em>post</em> work; posted work runs one item at a time on whichever thread finds the engine
/// idle (callers never wait for one another, and work posted while the engine is busy — including from inside a
/// port call — runs right after the current item). One <see cref="ITimer"/> from the injected
/// <see cref="TimeProvider"/> is armed for the earliest deadline of all instances and queued announcements
/// (keepalived's "sands").
/// </summary>
public sealed partial class VrrpEngine : IDisposable
{
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly VrrpPorts _ports;
    private readonly List<VrrpInstance> _instances = [];
    private readonly Dictionary<string, VrrpInstance> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Interface, AddressFamily Family, byte Vrid), List<VrrpInstance>> _demux = [];
    private readonly Dictionary<string, VrrpInstanceStatus> _status = new(StringComparer.Ordinal);
    private readonly Dictionary<VrrpInstance, uint> _logged = [];
    private readonly Dictionary<string, bool> _links = new(StringComparer.Ordinal);
    private readonly AnnouncementScheduler _announcer = new();
    private readonly List<Announcement> _due = [];
    private readonly byte[] _sendBuffer = new byte[VrrpCodec.MessageLength(2, AddressFamily.InterNetworkV6, byte.MaxValue)];
    private readonly ConcurrentQueue<Action> _queue = new();
    private readonly ITimer _timer;
    private readonly long _originTicks;
    private readonly object _statusGate = new();
    private TimeSpan? _armedFor;
    private int _draining;
    private bool _tooShortLogged;
    private long _tooShort;
    private long _unknownVrid;
    private bool _disposed;

    /// <param name="instances">The <c>vrrp_instance</c>s to run.</param>
    /// <param name="ports">Where effects go.</param>
    /// <param name="time">Clock and timers (<see cref="TimeProvider.System"/> in production).</param>
    /// <param name="logger">Receives keepalived-compatible lines.</param>
    /// <param name="tracking">Tracked objects and sync groups (none when null).</param>
    public VrrpEngine(IEnumerable<VrrpInstanceSettings> instances, VrrpPorts ports, TimeProvider time, ILogger logger, Tracking.VrrpTrackingPlan? tracking = null)
    {
        ArgumentNullException.ThrowIfNull(instances);
        ArgumentNullException.ThrowIfNull(ports);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _ports = ports;
        _time = time;
        _logger = logger;
        _originTicks = TicksOf(time.GetTimestamp(), time.TimestampFrequency);
        _plan = tracking ?? Tracking.VrrpTrackingPlan.Empty;
        var all = instances.ToList();
        var ownersWantingMaster = all.Where(s => s.IsAddressOwner && s.State == VrrpInitialState.Master).Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        var groupOf = _plan.SyncGroups.SelectMany(g => g.Members.Select(m => (m, g))).ToLookup(x => x.m, x => x.g, StringComparer.Ordinal);
        foreach (var settings in all)
        {
            var groups = groupOf[settings.Name].ToList();
            var instance = new VrrpInstance(
                settings,
                holdForSyncGroup: groups.Count > 0,
                groupOfOwners: groups.All(g => g.Members.All(ownersWantingMaster.Contains)));
            if (!_byName.TryAdd(settings.Name, instance))
            {
                throw new ArgumentException($"duplicate vrrp_instance {settings.Name}", nameof(instances));
            }

            _instances.Add(instance);
            var key = (settings.Interface, settings.Family, settings.VirtualRouterId);
            if (!_demux.TryGetValue(key, out var list))
            {
                _demux[key] = list = [];
            }

            list.Add(instance);
            _logged[instance] = 0;
            Publish(instance);
        }

        InitTracking();
        _timer = time.CreateTimer(static state => ((VrrpEngine)state!).Post(static e => e.OnTimer()), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Status of every instance, in configuration order (a consistent snapshot per instance).</summary>
    public IReadOnlyList<VrrpInstanceStatus> Status
    {
        get
        {
            lock (_statusGate)
            {
                return [.. _instances.Select(i => _status[i.Name])];
            }
        }
    }

    /// <summary>Packets shorter than a VRRP header, before any instance could be chosen.</summary>
    public long TooShortPackets => Interlocked.Read(ref _tooShort);

    /// <summary>Packets for a VRID no instance on that interface uses.</summary>
    public long UnknownVridPackets => Interlocked.Read(ref _unknownVrid);

    /// <summary>Monotonic time since the engine was created, as the instances see it.</summary>
    internal TimeSpan Now => TimeSpan.FromTicks(TicksOf(_time.GetTimestamp(), _time.TimestampFrequency) - _originTicks);

    /// <summary>Status of one instance.</summary>
    public VrrpInstanceStatus GetStatus(string instanceName)
    {
        lock (_statusGate)
        {
            return _status.TryGetValue(instanceName, out var status)
                ? status
                : throw new ArgumentException($"no vrrp_instance {instanceName}", nameof(instanceName));
        }
    }

    /// <summary>Starts every instance (INIT → BACKUP, MASTER for an address owner, or FAULT). Post link state and
    /// source addresses first: an instance without a source address starts in FAULT.</summary>
    public void Start() => Post(e =>
    {
        e.BeforeStartGroups();
        foreach (var i in e._instances)
        {
            e.Handle(i, new VrrpEvent.Startup());
        }
    });

    /// <summary>SIGTERM: masters send priority 0 and release their addresses, every instance notifies STOP.</summary>
    /// <returns>Completes when done.</returns>
    public Task StopAsync()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Post(e =>
        {
            foreach (var i in e._instances)
            {
                e.Handle(i, new VrrpEvent.Shutdown());
            }

            e.StopGroups();
            done.TrySetResult();
        });
        return done.Task;
    }

    /// <summary>
    /// A received VRRP payload. Handled at once when the engine is idle (no copy); otherwise copied and queued.
    /// </summary>
    public void PostAdvert(ReadOnlySpan<byte> payload, in VrrpReceiveMeta meta)
    {
        if (Interlocked.CompareExchange(ref _draining, 1, 0) == 0)
        {
            try
            {
                RunSafely(payload, meta);
                RunQueue();
            }
            finally
            {
                Volatile.Write(ref _draining, 0);
            }

            if (!_queue.IsEmpty)
            {
                Drain();
            }

            return;
        }

        var copy = payload.ToArray();
        var m = meta;
        Post(e => e.Receive(copy, m));
    }

    /// <summary>Link state of an interface (netlink IFF_UP and IFF_RUNNING).</summary>
    public void PostLinkState(string interfaceName, bool up) => Post(e =>
    {
        // keepalived logs changes ("Netlink reports eth0 down"), not the state it finds at startup.
        if (e._links.TryGetValue(interfaceName, out var was) && was != up)
        {
            if (up)
            {
                VrrpLog.LinkUp(e._logger, interfaceName);
            }
            else
            {
                VrrpLog.LinkDown(e._logger, interfaceName);
            }
        }

        e._links[interfaceName] = up;
        e.UpdateTracker(Tracking.TrackerKind.Interface, interfaceName, up ? Tracking.TrackerValue.Up : Tracking.TrackerValue.Down);

        foreach (var i in e._instances.Where(i => i.Settings.Interface == interfaceName && !i.Settings.DontTrackPrimary))
        {
            e.Handle(i, new VrrpEvent.FaultChanged(VrrpFaultReasons.InterfaceDown, !up));
        }
    });

    /// <summary>The primary address of <paramref name="family"/> on an interface (null: it has none).</summary>
    public void PostSourceAddress(string interfaceName, AddressFamily family, IPAddress? address) => Post(e =>
    {
        foreach (var i in e._instances.Where(i => i.Settings.Interface == interfaceName && i.Settings.Family == family))
        {
            e.Handle(i, new VrrpEvent.SourceAddressChanged(address));
        }
    });

    /// <summary>Effective priority computed by tracking.</summary>
    public void PostPriority(string instanceName, int effectivePriority)
    {
        var instance = Find(instanceName);
        Post(e => e.Handle(instance, new VrrpEvent.PriorityChanged(effectivePriority)));
    }

    /// <summary>A fault reason (tracker, sync group, …) appeared or cleared.</summary>
    public void PostFault(string instanceName, VrrpFaultReasons reason, bool active)
    {
        var instance = Find(instanceName);
        Post(e => e.Handle(instance, new VrrpEvent.FaultChanged(reason, active)));
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _disposed = true;
        _timer.Dispose();
    }

    private VrrpInstance Find(string instanceName) =>
        _byName.TryGetValue(instanceName, out var instance)
            ? instance
            : throw new ArgumentException($"no vrrp_instance {instanceName}", nameof(instanceName));

    private static long TicksOf(long timestamp, long frequency) =>
        // Round up: a deadline armed for T must not look early when the callback runs (exact for timestamps that
        // came from a whole number of ticks, whatever the frequency).
        (long)((((Int128)timestamp * TimeSpan.TicksPerSecond) + frequency - 1) / frequency);

    private void Post(Action<VrrpEngine> work)
    {
        _queue.Enqueue(() => work(this));
        Drain();
    }

    private void Drain()
    {
        while (Interlocked.CompareExchange(ref _draining, 1, 0) == 0)
        {
            try
            {
                RunQueue();
            }
            finally
            {
                Volatile.Write(ref _draining, 0);
            }

            if (_queue.IsEmpty)
            {
                return;
            }
        }
    }

    private void RunQueue()
    {
        while (_queue.TryDequeue(out var work))
        {
            try
            {
                work();
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // A bug must not stop the loop (house style §4.7: background loops own their failures).
                VrrpLog.UnexpectedFailure(_logger, ex);
            }
        }

        ArmTimer();
    }

    private void RunSafely(ReadOnlySpan<byte> payload, in VrrpReceiveMeta meta)
    {
        try
        {
            Receive(payload, meta);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            VrrpLog.UnexpectedFailure(_logger, ex);
        }
    }

    private void ArmTimer()
    {
        if (_disposed)
        {
            return;
        }

        TimeSpan? next = _announcer.NextDeadline;
        foreach (var i in _instances)
        {
            if (i.NextDeadline is TimeSpan d && (next is null || d < next))
            {
                next = d;
            }
        }

        if (next == _armedFor)
        {
            return;
        }

        _armedFor = next;
        if (next is TimeSpan at)
        {
            var due = at - Now;
            _timer.Change(due < TimeSpan.Zero ? TimeSpan.Zero : due, Timeout.InfiniteTimeSpan);
        }
        else
        {
            _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
    }

    private void OnTimer()
    {
        _armedFor = null;
        var now = Now;
        foreach (var i in _instances)
        {
            if (i.NextDeadline <= now)
            {
                Handle(i, new VrrpEvent.TimerElapsed());
            }
        }

        SendDueAnnouncements(now);
    }

    private void Receive(ReadOnlySpan<byte> payload, in VrrpReceiveMeta meta)
    {
        if (!VrrpCodec.TryReadHeader(payload, out var header))
        {
            Interlocked.Increment(ref _tooShort);
            if (!_tooShortLogged)
            {
                _tooShortLogged = true;
                var family = meta.Source.AddressFamily == AddressFamily.InterNetworkV6 ? "IPv6" : "IPv4";
                VrrpLog.PacketTooShortNoInstance(_logger, family, meta.IpHeaderLength + payload.Length);
            }

            return;
        }

        var instance = Demultiplex(meta, header.VirtualRouterId);
        if (instance is null)
        {
            // keepalived ignores unknown VRIDs silently unless log_unknown_vrids is set.
            Interlocked.Increment(ref _unknownVrid);
            return;
        }

        var (result, transition) = instance.Receive(payload, meta, Now);
        LogVerdict(instance, result, meta);
        if (transition is not null)
        {
            Carry(instance, transition);
        }

        Publish(instance);
        if (transition is not null)
        {
            AfterTransition(instance, transition);
        }
    }

    /// <summary>keepalived's demux: by socket (interface, family) and VRID; with unicast duplicates, the instance
    /// whose peers include the source.</summary>
    private VrrpInstance? Demultiplex(in VrrpReceiveMeta meta, byte vrid)
    {
        if (!_demux.TryGetValue((meta.InterfaceName, meta.Source.AddressFamily, vrid), out var candidates))
        {
            return null;
        }

        if (candidates.Count == 1)
        {
            return candidates[0];
        }

        var source = meta.Source;
        var unicast = meta.IsUnicast;
        return candidates.FirstOrDefault(i => i.Settings.UnicastPeer.Any(p => p.Address.Equals(source)))
            ?? candidates.FirstOrDefault(i => i.Settings.IsUnicast == unicast)
            ?? candidates[0];
    }

    private void Handle(VrrpInstance instance, VrrpEvent e)
    {
        var transition = instance.Handle(e, Now);
        Carry(instance, transition);
        Publish(instance);
        AfterTransition(instance, transition);
    }

    private void Publish(VrrpInstance i)
    {
        var status = new VrrpInstanceStatus
        {
            Name = i.Name,
            State = i.State,
            WantedState = i.WantedState,
            LastReason = i.LastTransition?.Reason ?? VrrpTransitionReason.None,
            BasePriority = i.Settings.Priority,
            EffectivePriority = i.EffectivePriority,
            FaultReasons = i.FaultReasons,
            MasterAddress = i.State == VrrpState.Master ? i.SourceAddress : i.MasterAddress,
            MasterAdverInterval = i.MasterAdverInterval,
            Statistics = i.Counters.Snapshot(),
        };
        lock (_statusGate)
        {
            _status[i.Name] = status;
        }
    }
}
