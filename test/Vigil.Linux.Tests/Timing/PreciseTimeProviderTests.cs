using System.Collections.Concurrent;
using Vigil.Linux.Timing;

namespace Vigil.Linux.Tests.Timing;

public sealed class PreciseTimeProviderTests : IDisposable
{
    private static readonly TimeSpan s_patience = TimeSpan.FromSeconds(10);
    private readonly PreciseTimeProvider _time = new();

    public void Dispose() => _time.Dispose();

    [Fact]
    public void CreateTimer_FiresOnce_NeverBeforeItsDueTime()
    {
        var deadlines = new ConcurrentQueue<(long Due, long Fired)>();
        using var all = new CountdownEvent(20);
        var timers = new List<ITimer>();
        for (var i = 0; i < 20; i++)
        {
            var delay = TimeSpan.FromMilliseconds(1 + (i * 7 % 23));
            var due = _time.GetTimestamp() + (long)(delay.TotalSeconds * _time.TimestampFrequency);
            timers.Add(_time.CreateTimer(_ => { deadlines.Enqueue((due, _time.GetTimestamp())); all.Signal(); }, null, delay, Timeout.InfiniteTimeSpan));
        }

        Assert.True(all.Wait(s_patience));
        Thread.Sleep(50);
        Assert.Equal(20, deadlines.Count);
        Assert.All(deadlines, d => Assert.True(d.Fired >= d.Due, $"fired {d.Due - d.Fired} ticks early"));
        Assert.Equal(0, _time.PendingTimers);
        timers.ForEach(t => t.Dispose());
    }

    [Fact]
    public void Timers_FireInDeadlineOrder_WhateverTheOrderTheyWereCreatedIn()
    {
        var order = new ConcurrentQueue<int>();
        using var all = new CountdownEvent(3);
        using var late = _time.CreateTimer(_ => { order.Enqueue(3); all.Signal(); }, null, TimeSpan.FromMilliseconds(300), Timeout.InfiniteTimeSpan);
        using var middle = _time.CreateTimer(_ => { order.Enqueue(2); all.Signal(); }, null, TimeSpan.FromMilliseconds(150), Timeout.InfiniteTimeSpan);
        using var early = _time.CreateTimer(_ => { order.Enqueue(1); all.Signal(); }, null, TimeSpan.FromMilliseconds(20), Timeout.InfiniteTimeSpan);
        Assert.True(all.Wait(s_patience));
        Assert.Equal([1, 2, 3], order.ToArray());
    }

    [Fact]
    public void Change_MovesTheDeadline_AndInfiniteOrDisposeCancels()
    {
        var fired = new ConcurrentQueue<string>();
        using var moved = _time.CreateTimer(_ => fired.Enqueue("moved"), null, TimeSpan.FromSeconds(30), Timeout.InfiniteTimeSpan);
        using var cancelled = _time.CreateTimer(_ => fired.Enqueue("cancelled"), null, TimeSpan.FromMilliseconds(50), Timeout.InfiniteTimeSpan);
        var disposed = _time.CreateTimer(_ => fired.Enqueue("disposed"), null, TimeSpan.FromMilliseconds(50), Timeout.InfiniteTimeSpan);
        using var marker = new ManualResetEventSlim();
        using var last = _time.CreateTimer(_ => marker.Set(), null, TimeSpan.FromMilliseconds(300), Timeout.InfiniteTimeSpan);

        Assert.True(moved.Change(TimeSpan.FromMilliseconds(10), Timeout.InfiniteTimeSpan));
        Assert.True(cancelled.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan));
        disposed.Dispose();
        Assert.False(disposed.Change(TimeSpan.Zero, Timeout.InfiniteTimeSpan));

        Assert.True(marker.Wait(s_patience));
        Thread.Sleep(50);
        Assert.Equal(["moved"], fired.ToArray());
    }

    [Fact]
    public void Period_FiresRepeatedly_UntilChangedToInfinite()
    {
        var count = 0;
        using var five = new CountdownEvent(5);
        using var timer = _time.CreateTimer(_ => { Interlocked.Increment(ref count); if (!five.IsSet) { five.Signal(); } }, null, TimeSpan.Zero, TimeSpan.FromMilliseconds(10));
        Assert.True(five.Wait(s_patience));
        timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        Thread.Sleep(30);
        var stopped = Volatile.Read(ref count);
        Thread.Sleep(100);
        Assert.Equal(stopped, Volatile.Read(ref count));
        Assert.True(stopped >= 5);
    }

    [Fact]
    public void Change_RejectsNegativeTimes()
    {
        using var timer = _time.CreateTimer(_ => { }, null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        Assert.Throws<ArgumentOutOfRangeException>(() => timer.Change(TimeSpan.FromMilliseconds(-5), Timeout.InfiniteTimeSpan));
    }

    [Fact]
    public void Dispose_StopsTheTimerThread_AndLaterTimersAreRefused()
    {
        var time = new PreciseTimeProvider();
        var fired = false;
        using var timer = time.CreateTimer(_ => fired = true, null, TimeSpan.FromMilliseconds(200), Timeout.InfiniteTimeSpan);
        time.Dispose();
        Thread.Sleep(300);
        Assert.False(fired);
        Assert.Throws<ObjectDisposedException>(() => time.CreateTimer(_ => { }, null, TimeSpan.Zero, Timeout.InfiniteTimeSpan));
    }
}
