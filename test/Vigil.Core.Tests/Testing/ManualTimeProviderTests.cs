using Vigil.Testing;

namespace Vigil.Testing.Tests;

public class ManualTimeProviderTests
{
    [Fact]
    public void Advance_FiresTimersInDeadlineOrder_IncludingRearmedOnes()
    {
        var time = new ManualTimeProvider();
        var fired = new List<string>();
        ITimer? b = null;
        using var a = time.CreateTimer(_ => { fired.Add($"a@{time.Elapsed.TotalMilliseconds}"); b!.Change(TimeSpan.FromMilliseconds(5), Timeout.InfiniteTimeSpan); }, null, TimeSpan.FromMilliseconds(10), Timeout.InfiniteTimeSpan);
        b = time.CreateTimer(_ => fired.Add($"b@{time.Elapsed.TotalMilliseconds}"), null, TimeSpan.FromMilliseconds(30), Timeout.InfiniteTimeSpan);

        time.Advance(TimeSpan.FromMilliseconds(20));

        Assert.Equal(["a@10", "b@15"], fired);
        Assert.Equal(TimeSpan.FromMilliseconds(20), time.Elapsed);
        b.Dispose();
    }

    [Fact]
    public void PeriodicTimer_FiresEveryPeriod()
    {
        var time = new ManualTimeProvider();
        var count = 0;
        using var t = time.CreateTimer(_ => count++, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        time.Advance(TimeSpan.FromSeconds(3.5));
        Assert.Equal(3, count);
    }

    [Fact]
    public void GetElapsedTime_UsesOddFrequencyConsistently()
    {
        var time = new ManualTimeProvider();
        var start = time.GetTimestamp();
        time.Advance(TimeSpan.FromMilliseconds(1234));
        var elapsed = time.GetElapsedTime(start);
        Assert.InRange(elapsed.TotalMilliseconds, 1233.999, 1234.001);
        Assert.NotEqual(TimeSpan.TicksPerSecond, time.TimestampFrequency);
    }

    [Fact]
    public void DisposedTimer_NeverFires()
    {
        var time = new ManualTimeProvider();
        var fired = false;
        var t = time.CreateTimer(_ => fired = true, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        t.Dispose();
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.False(fired);
        Assert.Equal(0, time.PendingTimers);
    }
}
