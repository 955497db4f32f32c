using System.Collections.Immutable;

namespace Vigil.Checkers;

/// <summary>
/// Runs every checker of a configuration on one timer queue (a priority queue of deadlines and a single
/// <see cref="ITimer"/> from the injected <see cref="TimeProvider"/>): no thread per check, probes are
/// asynchronous, at most one probe per checker is in flight and a probe that overruns its timeout is
/// abandoned by a watchdog deadline in the same queue, so a slow or black-holed server never delays the
/// others. Results go through <see cref="CheckerPolicy"/>, the real-server aggregate (alive iff all its
/// checkers are up; weight = configured + misc_dynamic + FILE_CHECK deltas, at least 0) and
/// <see cref="VirtualServicePolicy"/>; the resulting events reach the sink in order.
/// </summary>
public sealed class CheckerScheduler : IAsyncDisposable
{
    private readonly object _gate = new();
    private readonly TimeProvider _time;
    private readonly ICheckerEventSink _sink;
    private readonly CheckerSchedulerOptions _options;
    private readonly ServiceNode[] _services;
    private readonly PriorityQueue<QueueEntry, long> _queue = new();
    private readonly List<CheckerEvent> _pending = [];
    private readonly ITimer _timer;
    private long _armedFor = long.MaxValue;
    private bool _delivering;
    private bool _started;
    private bool _stopped;
    private long _probesStarted;
    private long _probesCompleted;
    private long _probesAbandoned;
    private long _lateResults;
    private long _probeExceptions;
    private long _sinkErrors;
    private int _inFlight;

    public CheckerScheduler(
        IEnumerable<VirtualServerSettings> services,
        IHealthProbeFactory probes,
        ICheckerEventSink sink,
        TimeProvider time,
        CheckerSchedulerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(probes);
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        _sink = sink;
        _options = options ?? new CheckerSchedulerOptions();
        _services = [.. services.Select(s => new ServiceNode(s, probes))];
        _timer = time.CreateTimer(static s => ((CheckerScheduler)s!).OnTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public CheckerSchedulerStats Stats
    {
        get
        {
            lock (_gate)
            {
                return new CheckerSchedulerStats(_probesStarted, _probesCompleted, _probesAbandoned, _lateResults, _probeExceptions, _sinkErrors, _inFlight);
            }
        }
    }

    /// <summary>Number of checkers (all kinds) under this scheduler.</summary>
    public int CheckerCount => _services.Sum(s => s.Servers.Sum(r => r.Checkers.Length));

    /// <summary>
    /// Publishes the initial state (startup quorum notifications and one <see cref="DesiredServiceChanged"/>
    /// per service) and schedules every polled checker after its warmup. ha_suspend services wait for
    /// <see cref="SetVirtualAddressPresent"/>.
    /// </summary>
    public void Start()
    {
        lock (_gate)
        {
            if (_started)
            {
                throw new InvalidOperationException("already started");
            }

            _started = true;
            foreach (var service in _services)
            {
                service.Policy.Start(_pending);
                service.Suspended = service.Policy.Settings.HaSuspend;
                if (service.Suspended)
                {
                    _pending.Add(new CheckersSuspended(service.Policy.Key, true));
                    continue;
                }

                ScheduleAllLocked(service);
            }

            ArmLocked();
        }

        Drain();
    }

    /// <summary>The current desired state of every service, in configuration order.</summary>
    public ImmutableArray<DesiredService> Snapshot()
    {
        lock (_gate)
        {
            return [.. _services.Select(s => s.Policy.Desired())];
        }
    }

    /// <summary>Whether a real server is alive now (tests, status dumps).</summary>
    public bool IsAlive(VirtualServiceKey service, RealServerKey server)
    {
        lock (_gate)
        {
            var s = Find(service);
            var i = Array.FindIndex(s.Servers, r => r.Settings.Key.Equals(server));
            return i >= 0 ? s.Policy.IsAlive(i) : throw new KeyNotFoundException(server.ToString());
        }
    }

    /// <summary>Whether a service has quorum now.</summary>
    public bool HasQuorum(VirtualServiceKey service)
    {
        lock (_gate)
        {
            return Find(service).Policy.QuorumUp;
        }
    }

    /// <summary>
    /// ha_suspend input: whether the service's address is configured locally (from the address monitor).
    /// Ignored for services without ha_suspend.
    /// </summary>
    public void SetVirtualAddressPresent(VirtualServiceKey service, bool present)
    {
        List<CancellationTokenSource> cancel = [];
        lock (_gate)
        {
            var s = Find(service);
            if (!s.Policy.Settings.HaSuspend || _stopped || !_started || s.Suspended == !present)
            {
                return;
            }

            s.Suspended = !present;
            _pending.Add(new CheckersSuspended(s.Policy.Key, s.Suspended));
            if (s.Suspended)
            {
                foreach (var c in s.AllCheckers())
                {
                    c.Version++;
                    if (c.InFlight)
                    {
                        c.InFlight = false;
                        _inFlight--;
                        if (c.Cancellation is not null)
                        {
                            cancel.Add(c.Cancellation);
                        }
                    }
                }
            }
            else
            {
                ScheduleAllLocked(s);
                ArmLocked();
            }
        }

        CancelAll(cancel);
        Drain();
    }

    /// <summary>
    /// FILE_CHECK input: the value read from a track_file (null when the file is missing or unreadable,
    /// which counts as 0). Applies to every FILE_CHECK naming <paramref name="trackFile"/>.
    /// </summary>
    public void ReportTrackFile(string trackFile, long? value)
    {
        ArgumentNullException.ThrowIfNull(trackFile);
        lock (_gate)
        {
            if (_stopped || !_started)
            {
                return;
            }

            foreach (var s in _services)
            {
                foreach (var r in s.Servers)
                {
                    foreach (var c in r.Checkers)
                    {
                        if (c.Settings is FileCheckSettings f && f.TrackFile == trackFile)
                        {
                            ApplyFileValueLocked(s, r, c, f, value ?? 0);
                        }
                    }
                }
            }
        }

        Drain();
    }

    /// <summary>The FILE_CHECK track files (name → path) this configuration watches.</summary>
    public IReadOnlyDictionary<string, string> TrackFiles()
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var c in _services.SelectMany(s => s.AllCheckers()))
        {
            if (c.Settings is FileCheckSettings f)
            {
                map[f.TrackFile] = f.Path;
            }
        }

        return map;
    }

    /// <summary>Stops checking: cancels probes in flight and, for services with omega, publishes the shutdown notifications.</summary>
    public ValueTask StopAsync()
    {
        List<CancellationTokenSource> cancel = [];
        lock (_gate)
        {
            if (_stopped)
            {
                return ValueTask.CompletedTask;
            }

            _stopped = true;
            _queue.Clear();
            _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            foreach (var s in _services)
            {
                foreach (var c in s.AllCheckers())
                {
                    c.Version++;
                    if (c.InFlight && c.Cancellation is not null)
                    {
                        cancel.Add(c.Cancellation);
                    }
                }

                if (_started)
                {
                    s.Policy.Stop(_pending);
                }
            }
        }

        CancelAll(cancel);
        Drain();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        await _timer.DisposeAsync().ConfigureAwait(false);
    }

    private static void CancelAll(List<CancellationTokenSource> sources, bool dispose = false)
    {
        foreach (var cts in sources)
        {
            try
            {
                cts.Cancel();
                if (dispose)
                {
                    cts.Dispose();
                }
            }
            catch (ObjectDisposedException)
            {
            }
            catch (AggregateException)
            {
                // A probe's cancellation callback threw; the probe is abandoned either way.
            }
        }
    }

    private ServiceNode Find(VirtualServiceKey key) =>
        Array.Find(_services, s => s.Policy.Key.Equals(key)) ?? throw new KeyNotFoundException(key.ToString());

    private void ScheduleAllLocked(ServiceNode service)
    {
        foreach (var r in service.Servers)
        {
            foreach (var c in r.Checkers)
            {
                if (c.Probe is null)
                {
                    continue;
                }

                var delay = c.Policy.InitialDelay(_options.Random.NextDouble());
                EnqueueLocked(c, delay, EntryKind.Run);
            }
        }
    }

    private void EnqueueLocked(CheckerNode checker, TimeSpan delay, EntryKind kind)
    {
        if (kind == EntryKind.Run)
        {
            checker.Version++;
        }

        var due = Add(_time.GetTimestamp(), delay);
        _queue.Enqueue(new QueueEntry(checker, checker.Version, checker.RunSequence, kind), due);
    }

    private long Add(long timestamp, TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            return timestamp;
        }

        var ticks = (Int128)delay.Ticks * _time.TimestampFrequency / TimeSpan.TicksPerSecond;
        var due = timestamp + ticks;
        return due > long.MaxValue ? long.MaxValue : (long)due;
    }

    // Rounded up so the timer never fires before the timestamp it was armed for (with a timestamp
    // frequency that is not a multiple of TimeSpan ticks, rounding down would re-arm for 0 forever).
    private TimeSpan ToTimeSpanCeiling(long timestampTicks)
    {
        var f = _time.TimestampFrequency;
        var ticks = ((Int128)timestampTicks * TimeSpan.TicksPerSecond + f - 1) / f;
        return ticks >= TimeSpan.MaxValue.Ticks ? TimeSpan.MaxValue : TimeSpan.FromTicks((long)ticks);
    }

    private void ArmLocked()
    {
        if (_stopped || !_queue.TryPeek(out _, out var due))
        {
            return;
        }

        if (due >= _armedFor)
        {
            return;
        }

        _armedFor = due;
        var now = _time.GetTimestamp();
        var wait = due <= now ? TimeSpan.Zero : ToTimeSpanCeiling(due - now);
        _timer.Change(wait, Timeout.InfiniteTimeSpan);
    }

    private void OnTimer()
    {
        List<(CheckerNode Node, long Sequence, IHealthProbe Probe, ProbeContext Context, CancellationToken Token)> launch = [];
        List<CancellationTokenSource> cancel = [];
        try
        {
            lock (_gate)
            {
                _armedFor = long.MaxValue;
                if (_stopped)
                {
                    return;
                }

                var now = _time.GetTimestamp();
                while (_queue.TryPeek(out var entry, out var due) && due <= now)
                {
                    _queue.Dequeue();
                    var c = entry.Checker;
                    if (entry.Version != c.Version)
                    {
                        continue;
                    }

                    if (entry.Kind == EntryKind.Deadline)
                    {
                        if (c.InFlight && c.RunSequence == entry.RunSequence)
                        {
                            // The probe overran timeout + grace: abandon it and count a timeout.
                            _probesAbandoned++;
                            if (c.Cancellation is not null)
                            {
                                // Cancelled (then disposed) outside the lock; the probe's late result is ignored.
                                cancel.Add(c.Cancellation);
                                c.Cancellation = null;
                            }

                            CompleteLocked(c, ProbeResult.Fail(ProbeVerdict.Timeout, "abandoned by the scheduler watchdog"));
                        }

                        continue;
                    }

                    if (c.InFlight)
                    {
                        continue;
                    }

                    c.InFlight = true;
                    c.RunSequence++;
                    _inFlight++;
                    _probesStarted++;
                    c.Cancellation = new CancellationTokenSource();
                    var timeout = c.Policy.Timing.ProbeTimeout;
                    EnqueueLocked(c, timeout + _options.ProbeGrace, EntryKind.Deadline);
                    launch.Add((c, c.RunSequence, c.Probe!, new ProbeContext(c.Policy.Step, timeout), c.Cancellation.Token));
                }

                ArmLocked();
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A timer callback must never throw (house style §4.7); the queue is re-armed below.
            lock (_gate)
            {
                ArmLocked();
            }
        }

        CancelAll(cancel, dispose: true);
        foreach (var (node, sequence, probe, context, token) in launch)
        {
            _ = RunProbeAsync(node, sequence, probe, context, token);
        }

        Drain();
    }

    private async Task RunProbeAsync(CheckerNode node, long sequence, IHealthProbe probe, ProbeContext context, CancellationToken token)
    {
        ProbeResult result;
        try
        {
            result = await probe.ProbeAsync(context, token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            result = ProbeResult.Fail(ProbeVerdict.Timeout, "cancelled");
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Interlocked.Increment(ref _probeExceptions);
            result = ProbeResult.Fail(ProbeVerdict.LocalError, e.GetType().Name + ": " + e.Message);
        }

        lock (_gate)
        {
            if (_stopped || !node.InFlight || node.RunSequence != sequence)
            {
                _lateResults++;
                return;
            }

            _probesCompleted++;
            CompleteLocked(node, result);
            ArmLocked();
        }

        Drain();
    }

    private void CompleteLocked(CheckerNode c, ProbeResult result)
    {
        c.InFlight = false;
        _inFlight--;
        c.Cancellation?.Dispose();
        c.Cancellation = null;
        var server = c.Server;
        var service = server.Service;
        var wasUp = c.Policy.IsUp;
        var step = c.Policy.OnResult(result.IsSuccess);
        if (result.IsSuccess && c.Settings is MiscCheckSettings { Dynamic: true })
        {
            // misc_dynamic: exit 0 restores the configured weight, 2-255 sets weight = status - 2
            // (observed: "Changing weight from 11 to 7" when the script went back to exit 0).
            c.WeightDelta = result.DynamicWeight is int w ? (long)w - server.Settings.Weight : 0;
        }

        if (!result.IsSuccess && (step.IsRetry || step.Transition != CheckerTransition.None || c.Settings.LogAllFailures || wasUp || !c.HasResult))
        {
            _pending.Add(new CheckerResultObserved(service.Policy.Key, server.Settings.Key, c.Settings.Kind, c.Index, result, step, c.Policy.IsUp)
            {
                Retries = step.Transition == CheckerTransition.Down ? c.Policy.RetriesBeforeDown : c.Policy.Timing.Retry,
                IsFirstResult = !c.HasResult,
            });
        }
        else if (result.IsSuccess && (step.Transition == CheckerTransition.Up || !c.HasResult || !wasUp))
        {
            // keepalived 2.2.7 logs each checker's first success ("TCP connection to [..]:tcp:80 success.", observed
            // in the IPVS lane), every recovery, and HTTP_GET's successes while it is still down.
            _pending.Add(new CheckerResultObserved(service.Policy.Key, server.Settings.Key, c.Settings.Kind, c.Index, result, step, c.Policy.IsUp)
            {
                Retries = c.Policy.Timing.Retry,
                IsFirstResult = !c.HasResult,
            });
        }

        c.HasResult = true;
        UpdateServerLocked(service, server, c.Settings.Kind, result);
        if (!service.Suspended)
        {
            EnqueueLocked(c, step.NextDelay, EntryKind.Run);
        }
    }

    private void ApplyFileValueLocked(ServiceNode service, ServerNode server, CheckerNode c, FileCheckSettings f, long value)
    {
        ProbeResult result;
        if (f.Weight == 0)
        {
            // weight 0: non-zero means failure (reversed with reverse).
            var ok = (value == 0) != f.Reverse;
            c.WeightDelta = 0;
            result = ok ? ProbeResult.Ok : ProbeResult.Fail(ProbeVerdict.FileValueFailure, $"{f.TrackFile} = {value}");
        }
        else
        {
            var delta = (Int128)value * f.Weight * (f.Reverse ? -1 : 1);
            c.WeightDelta = (long)Int128.Clamp(delta, int.MinValue, int.MaxValue);
            result = ProbeResult.Ok with { WeightDelta = c.WeightDelta };
        }

        var transition = c.Policy.Set(result.IsSuccess);
        if (transition != CheckerTransition.None)
        {
            _pending.Add(new CheckerResultObserved(service.Policy.Key, server.Settings.Key, CheckerKind.File, c.Index, result,
                new CheckerStep(TimeSpan.Zero, transition, false), c.Policy.IsUp));
        }

        UpdateServerLocked(service, server, CheckerKind.File, result);
    }

    private void UpdateServerLocked(ServiceNode service, ServerNode server, CheckerKind kind, ProbeResult cause)
    {
        var alive = true;
        long weight = server.Settings.Weight;
        foreach (var c in server.Checkers)
        {
            alive &= c.Policy.IsUp;
            weight += c.WeightDelta;
        }

        var w = (int)Math.Clamp(weight, 0, int.MaxValue);
        if (alive == service.Policy.IsAlive(server.Index) && w == service.Policy.WeightOf(server.Index))
        {
            return;
        }

        service.Policy.UpdateServer(server.Index, alive, w, kind, cause, _pending);
    }

    private void Drain()
    {
        while (true)
        {
            CheckerEvent[] batch;
            lock (_gate)
            {
                if (_delivering || _pending.Count == 0)
                {
                    return;
                }

                _delivering = true;
                batch = [.. _pending];
                _pending.Clear();
            }

            try
            {
                foreach (var e in batch)
                {
                    try
                    {
                        _sink.Publish(e);
                    }
                    catch (Exception)
                    {
                        Interlocked.Increment(ref _sinkErrors);
                    }
                }
            }
            finally
            {
                lock (_gate)
                {
                    _delivering = false;
                }
            }
        }
    }

    private enum EntryKind
    {
        Run,
        Deadline,
    }

    private readonly record struct QueueEntry(CheckerNode Checker, long Version, long RunSequence, EntryKind Kind);

    private sealed class ServiceNode
    {
        public ServiceNode(VirtualServerSettings settings, IHealthProbeFactory probes)
        {
            Servers = [.. settings.RealServers.Select((r, i) => new ServerNode(this, settings, r, i, probes))];
            Policy = new VirtualServicePolicy(
                settings,
                [.. Servers.Select(s => s.Checkers.All(c => c.Policy.IsUp))],
                [.. Servers.Select(s => Math.Max(0, s.Settings.Weight))]);
        }

        public VirtualServicePolicy Policy { get; }

        public ServerNode[] Servers { get; }

        public bool Suspended { get; set; }

        public IEnumerable<CheckerNode> AllCheckers() => Servers.SelectMany(s => s.Checkers);
    }

    private sealed class ServerNode
    {
        public ServerNode(ServiceNode service, VirtualServerSettings vs, RealServerSettings settings, int index, IHealthProbeFactory probes)
        {
            Service = service;
            Settings = settings;
            Index = index;
            Checkers = [.. settings.Checkers.Select((c, i) => new CheckerNode(this, c, CheckerTiming.Resolve(vs, settings, c), i,
                c is FileCheckSettings ? null : probes.Create(vs, settings, c)))];
        }

        public ServiceNode Service { get; }

        public RealServerSettings Settings { get; }

        public int Index { get; }

        public CheckerNode[] Checkers { get; }
    }

    private sealed class CheckerNode(ServerNode server, CheckerSettings settings, CheckerTiming timing, int index, IHealthProbe? probe)
    {
        public ServerNode Server { get; } = server;

        public CheckerSettings Settings { get; } = settings;

        // FILE_CHECK follows its file: it starts up (its value is 0 until read).
        public CheckerPolicy Policy { get; } = new(settings is FileCheckSettings ? timing with { Alpha = false } : timing);

        public int Index { get; } = index;

        public IHealthProbe? Probe { get; } = probe;

        public long Version { get; set; }

        public long RunSequence { get; set; }

        public bool InFlight { get; set; }

        /// <summary>A probe result has come in (keepalived logs the first success even when nothing changes).</summary>
        public bool HasResult { get; set; }

        public CancellationTokenSource? Cancellation { get; set; }

        public long WeightDelta { get; set; }
    }
}
