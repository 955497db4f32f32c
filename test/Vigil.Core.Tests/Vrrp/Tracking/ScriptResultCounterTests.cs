namespace Vigil.Vrrp.Tracking.Tests;

/// <summary>Sequences observed with keepalived 2.2.7 (one run per second; S = success, F = failure; the state after each run).</summary>
public class ScriptResultCounterTests
{
    [Theory]
    [InlineData(1, 1, "F", "D")]
    [InlineData(1, 1, "S", "U")]
    [InlineData(2, 2, "FSS", "DDU")] // D: fail from the start → failed at once; two successes to recover
    [InlineData(2, 2, "SFF", "UUD")] // E: success at once; two failures to fail
    [InlineData(2, 3, "SFFFSS", "UUUDDU")] // H: fall 3, rise 2
    [InlineData(3, 1, "S", "U")] // the first result decides whatever rise is
    [InlineData(2, 2, "SFSFF", "UUUUD")] // a success in between restarts the count
    public void Sequence(int rise, int fall, string runs, string states)
    {
        var counter = new ScriptResultCounter(rise, fall);
        Assert.Equal(TrackerHealth.Unknown, counter.Health);
        var seen = string.Concat(runs.Select(r =>
        {
            counter.Record(r == 'S');
            return counter.Health == TrackerHealth.Up ? 'U' : 'D';
        }));
        Assert.Equal(states, seen);
    }

    [Fact]
    public void Record_ReportsChangesOnly()
    {
        var counter = new ScriptResultCounter(1, 2);
        Assert.True(counter.Record(true));
        Assert.False(counter.Record(false));
        Assert.True(counter.Record(false));
        Assert.False(counter.Record(false));
        Assert.True(counter.Record(true));
    }
}
