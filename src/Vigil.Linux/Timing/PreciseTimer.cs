namespace Vigil.Linux.Timing;

/// <summary>One timer of a <see cref="PreciseTimeProvider"/>. Every <see cref="Change"/> bumps the version, which
/// invalidates whatever the provider had queued for it.</summary>
internal sealed class PreciseTimer(PreciseTimeProvider owner, TimerCallback callback, object? state) : ITimer
{
    private readonly Lock _lock = new();
    private long _version;
    private TimeSpan _period = Timeout.InfiniteTimeSpan;
    private bool _disposed;

    /// <summary>The current version (read under the provider's lock).</summary>
    internal long Version => Volatile.Read(ref _version);

    public bool Change(TimeSpan dueTime, TimeSpan period)
    {
        Validate(dueTime, nameof(dueTime));
        Validate(period, nameof(period));
        long version;
        lock (_lock)
        {
            if (_disposed)
            {
                return false;
            }

            version = Interlocked.Increment(ref _version);
            _period = period == TimeSpan.Zero ? Timeout.InfiniteTimeSpan : period;
        }

        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            owner.Schedule(this, version, owner.DeadlineAfter(dueTime));
        }

        return true;
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            Interlocked.Increment(ref _version);
        }
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Called by the provider (under its lock) for a due entry: this timer if that entry is still current;
    /// a periodic timer is queued again one period after its deadline was reached.</summary>
    internal PreciseTimer? Fire(long version, long now)
    {
        if (version != Version)
        {
            return null;
        }

        var period = _period;
        if (period != Timeout.InfiniteTimeSpan)
        {
            var next = Interlocked.Increment(ref _version);
            owner.ScheduleLocked(this, next, now, period);
        }

        return this;
    }

    internal void Invoke() => callback(state);

    private static void Validate(TimeSpan value, string name)
    {
        if (value != Timeout.InfiniteTimeSpan && (value < TimeSpan.Zero || value.TotalMilliseconds > uint.MaxValue - 1))
        {
            throw new ArgumentOutOfRangeException(name, value, "must be Timeout.InfiniteTimeSpan or between 0 and 4294967294 ms");
        }
    }
}
