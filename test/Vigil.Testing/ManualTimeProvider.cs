namespace Vigil.Testing;

/// <summary>
/// A virtual clock for tests. Time moves only when <see cref="Advance"/> is called; due timers fire
/// synchronously, in deadline order, including timers (re)armed by callbacks during the advance.
/// <see cref="TimestampFrequency"/> is deliberately odd so that code mixing timestamp ticks with
/// TimeSpan ticks or milliseconds fails its tests.
/// </summary>
public sealed class ManualTimeProvider : TimeProvider
{
    /// <summary>Timestamp ticks per second: not a power of ten on purpose.</summary>
    public const long Frequency = 10_000_019;

    private readonly object _gate = new();
    private readonly List<ManualTimer> _timers = [];
    private readonly DateTimeOffset _epoch;
    private long _nowTicks; // TimeSpan ticks since the epoch
    private long _sequence;

    public ManualTimeProvider()
        : this(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero))
    {
    }

    public ManualTimeProvider(DateTimeOffset epoch) => _epoch = epoch;

    public override long TimestampFrequency => Frequency;

    /// <summary>Virtual time elapsed since construction.</summary>
    public TimeSpan Elapsed
    {
        get
        {
            lock (_gate)
            {
                return TimeSpan.FromTicks(_nowTicks);
            }
        }
    }

    public override DateTimeOffset GetUtcNow() => _epoch + Elapsed;

    public override long GetTimestamp()
    {
        lock (_gate)
        {
            return (long)((Int128)_nowTicks * Frequency / TimeSpan.TicksPerSecond);
        }
    }

    /// <summary>Number of armed timers (for assertions).</summary>
    public int PendingTimers
    {
        get
        {
            lock (_gate)
            {
                return _timers.Count(t => t.DueTicks is not null);
            }
        }
    }

    /// <summary>Time until the earliest armed timer, or null when none is armed.</summary>
    public TimeSpan? NextDue
    {
        get
        {
            lock (_gate)
            {
                long? min = null;
                foreach (var t in _timers)
                {
                    if (t.DueTicks is long d && (min is null || d < min))
                    {
                        min = d;
                    }
                }

                return min is long m ? TimeSpan.FromTicks(Math.Max(0, m - _nowTicks)) : null;
            }
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new ManualTimer(this, callback, state);
        lock (_gate)
        {
            _timers.Add(timer);
        }

        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Fires timers that are due now (a zero-length advance).</summary>
    public void RunDue() => Advance(TimeSpan.Zero);

    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        long target;
        lock (_gate)
        {
            target = _nowTicks + by.Ticks;
        }

        while (true)
        {
            ManualTimer? next = null;
            lock (_gate)
            {
                foreach (var t in _timers)
                {
                    if (t.DueTicks is long d && d <= target &&
                        (next is null || d < next.DueTicks || (d == next.DueTicks && t.ArmSequence < next.ArmSequence)))
                    {
                        next = t;
                    }
                }

                if (next is null)
                {
                    _nowTicks = target;
                    return;
                }

                _nowTicks = Math.Max(_nowTicks, next.DueTicks!.Value);
                if (next.PeriodTicks is long p && p > 0)
                {
                    next.DueTicks = _nowTicks + p;
                    next.ArmSequence = ++_sequence;
                }
                else
                {
                    next.DueTicks = null;
                }
            }

            next.Fire();
        }
    }

    public void AdvanceMilliseconds(double ms) => Advance(TimeSpan.FromMilliseconds(ms));

    private void Arm(ManualTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        lock (_gate)
        {
            if (dueTime == Timeout.InfiniteTimeSpan)
            {
                timer.DueTicks = null;
            }
            else
            {
                ArgumentOutOfRangeException.ThrowIfLessThan(dueTime, TimeSpan.Zero);
                timer.DueTicks = _nowTicks + dueTime.Ticks;
                timer.ArmSequence = ++_sequence;
            }

            timer.PeriodTicks = period == Timeout.InfiniteTimeSpan || period == TimeSpan.Zero ? null : period.Ticks;
        }
    }

    private void Remove(ManualTimer timer)
    {
        lock (_gate)
        {
            _timers.Remove(timer);
        }
    }

    private sealed class ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        private bool _disposed;

        public long? DueTicks { get; set; }

        public long? PeriodTicks { get; set; }

        public long ArmSequence { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            if (_disposed)
            {
                return false;
            }

            owner.Arm(this, dueTime, period);
            return true;
        }

        public void Fire()
        {
            if (!_disposed)
            {
                callback(state);
            }
        }

        public void Dispose()
        {
            _disposed = true;
            owner.Remove(this);
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
