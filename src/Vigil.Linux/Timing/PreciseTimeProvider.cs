using System.Diagnostics;
using Vigil.Linux.Interop;

namespace Vigil.Linux.Timing;

/// <summary>
/// A <see cref="TimeProvider"/> whose timers fire on time. <see cref="TimeProvider.System"/>'s timers are driven by the
/// runtime's tick count, which on Linux reads CLOCK_MONOTONIC_COARSE: it advances once per jiffy (4 ms with HZ=250), so
/// a 361 ms master-down timer fires up to a jiffy late and a 100 ms advert timer drifts by as much per advert. Here one
/// dedicated thread sleeps on a timerfd armed (absolute, CLOCK_MONOTONIC, nanoseconds) for the earliest deadline and
/// hands due callbacks to the thread pool. Timestamps are the base provider's (Stopwatch, which is CLOCK_MONOTONIC on
/// Linux), so deadlines and readings share one clock. Callbacks never run on the caller's thread and do not capture the
/// execution context; a callback that throws is the process's problem, as with <see cref="System.Threading.Timer"/>.
/// </summary>
public sealed unsafe class PreciseTimeProvider : TimeProvider, IDisposable
{
    private readonly Lock _lock = new();
    private readonly PriorityQueue<(PreciseTimer Timer, long Version), long> _due = new();
    private readonly SafeFileDescriptor _fd;
    private readonly Thread _thread;
    private long _armedAt = long.MaxValue;
    private bool _disposed;

    public PreciseTimeProvider()
    {
        var fd = Libc.TimerFdCreate(Libc.CLOCK_MONOTONIC, Libc.TFD_CLOEXEC);
        if (fd < 0)
        {
            throw new ErrnoException("timerfd_create", Libc.LastErrno);
        }

        _fd = new SafeFileDescriptor(fd);
        _thread = new Thread(Run) { IsBackground = true, Name = "vigil-timers" };
        _thread.Start();
    }

    /// <summary>Timers scheduled and not yet fired (for tests).</summary>
    public int PendingTimers
    {
        get
        {
            lock (_lock)
            {
                return _due.UnorderedItems.Count(e => e.Element.Timer.Version == e.Element.Version);
            }
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new PreciseTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _due.Clear();
            Arm(1); // wake the thread now; it sees _disposed and leaves
        }

        _thread.Join(TimeSpan.FromSeconds(5));
        _fd.Dispose();
    }

    internal void Schedule(PreciseTimer timer, long version, long deadline)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _due.Enqueue((timer, version), deadline);
            if (deadline < _armedAt)
            {
                Arm(deadline);
            }
        }
    }

    /// <summary>Re-queues a periodic timer from inside <see cref="Run"/> (the lock is held; Run re-arms afterwards).</summary>
    internal void ScheduleLocked(PreciseTimer timer, long version, long now, TimeSpan period)
    {
        var ticks = (Int128)period.Ticks * TimestampFrequency / TimeSpan.TicksPerSecond;
        _due.Enqueue((timer, version), (long)Int128.Min(now + ticks, long.MaxValue - 1));
    }

    /// <summary>Now plus <paramref name="delay"/> in timestamp units, saturating.</summary>
    internal long DeadlineAfter(TimeSpan delay)
    {
        var ticks = (Int128)delay.Ticks * TimestampFrequency / TimeSpan.TicksPerSecond;
        var deadline = GetTimestamp() + ticks;
        return deadline > long.MaxValue - 1 ? long.MaxValue - 1 : (long)deadline;
    }

    // Caller holds _lock. Absolute CLOCK_MONOTONIC time of a timestamp; never 0 (0 would disarm).
    private void Arm(long timestamp)
    {
        var ns = TimestampFrequency == 1_000_000_000 ? timestamp : (long)((Int128)timestamp * 1_000_000_000 / TimestampFrequency);
        ns = Math.Max(ns, 1);
        var spec = new Libc.ITimerSpec { ItValue = new Libc.TimeSpec { TvSec = ns / 1_000_000_000, TvNsec = ns % 1_000_000_000 } };
        if (Libc.TimerFdSetTime((int)_fd.DangerousGetHandle(), Libc.TFD_TIMER_ABSTIME, &spec, null) != 0)
        {
            throw new ErrnoException("timerfd_settime", Libc.LastErrno);
        }

        _armedAt = timestamp;
    }

    private void Run()
    {
        var fired = new List<PreciseTimer>();
        ulong expirations;
        while (true)
        {
            // Blocks until the armed deadline passes; re-arming from another thread moves the wake-up.
            var n = LibcProcess.Read((int)_fd.DangerousGetHandle(), (byte*)&expirations, sizeof(ulong));
            if (n < 0 && Libc.LastErrno is not (Errno.EINTR or Errno.EAGAIN))
            {
                Debug.Fail($"timerfd read: {Libc.LastErrno}");
            }

            lock (_lock)
            {
                if (_disposed)
                {
                    return;
                }

                _armedAt = long.MaxValue;
                var now = GetTimestamp();
                while (_due.TryPeek(out var entry, out var at) && at <= now)
                {
                    _due.Dequeue();
                    if (entry.Timer.Fire(entry.Version, now) is { } t)
                    {
                        fired.Add(t);
                    }
                }

                // Drop cancelled entries at the head so they do not cause empty wake-ups.
                while (_due.TryPeek(out var head, out _) && head.Timer.Version != head.Version)
                {
                    _due.Dequeue();
                }

                if (_due.TryPeek(out _, out var next))
                {
                    Arm(next);
                }
            }

            foreach (var t in fired)
            {
                ThreadPool.UnsafeQueueUserWorkItem(static t => t.Invoke(), t, preferLocal: false);
            }

            fired.Clear();
        }
    }
}
