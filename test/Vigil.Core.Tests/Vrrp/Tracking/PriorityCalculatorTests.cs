namespace Vigil.Vrrp.Tracking.Tests;

/// <summary>keepalived 2.2.7's arithmetic; the T1 rows replay one observed run (base 150, track_file 5 × 10, scripts
/// weight -1 killed, -60 timed out, -30 reverse, track_interface eth1 weight -50) step by step.</summary>
public class PriorityCalculatorTests
{
    private static readonly TrackedReference s_file = new(TrackerKind.File, "tf", 10);
    private static readonly TrackedReference s_kill = new(TrackerKind.Script, "kill", -1);
    private static readonly TrackedReference s_slow = new(TrackerKind.Script, "slow", -60);
    private static readonly TrackedReference s_rev = new(TrackerKind.Script, "rev", -30, Reverse: true);
    private static readonly TrackedReference s_eth1 = new(TrackerKind.Interface, "eth1", -50);

    public static TheoryData<long, TrackerHealth, TrackerHealth, TrackerHealth, TrackerHealth, int> ObservedRun => new()
    {
        // file, kill, slow, rev, eth1 → keepalived's "Changing effective priority from … to N"
        { 5, TrackerHealth.Unknown, TrackerHealth.Unknown, TrackerHealth.Unknown, TrackerHealth.Up, 200 },
        { 5, TrackerHealth.Down, TrackerHealth.Unknown, TrackerHealth.Unknown, TrackerHealth.Up, 199 },
        { 5, TrackerHealth.Down, TrackerHealth.Unknown, TrackerHealth.Up, TrackerHealth.Up, 199 },
        { 5, TrackerHealth.Down, TrackerHealth.Down, TrackerHealth.Up, TrackerHealth.Up, 139 },
        { 5, TrackerHealth.Down, TrackerHealth.Down, TrackerHealth.Up, TrackerHealth.Down, 89 },
        { 7, TrackerHealth.Down, TrackerHealth.Down, TrackerHealth.Up, TrackerHealth.Down, 109 },
        { 7, TrackerHealth.Down, TrackerHealth.Down, TrackerHealth.Down, TrackerHealth.Down, 139 },
        { 7, TrackerHealth.Down, TrackerHealth.Down, TrackerHealth.Down, TrackerHealth.Up, 189 },
    };

    [Theory]
    [MemberData(nameof(ObservedRun))]
    public void ObservedKeepalivedRun(long file, TrackerHealth kill, TrackerHealth slow, TrackerHealth rev, TrackerHealth eth1, int expected)
    {
        var outcome = PriorityCalculator.Compute(150,
        [
            (s_file, TrackerValue.File(file)), (s_kill, new(kill)), (s_slow, new(slow)), (s_rev, new(rev)), (s_eth1, new(eth1)),
        ]);
        Assert.Equal(new TrackingOutcome(expected, Fault: false, Pending: false), outcome);
    }

    [Theory]
    [InlineData(-60, false, TrackerHealth.Down, 150, 90, false, false)]
    [InlineData(-60, false, TrackerHealth.Up, 150, 150, false, false)]
    [InlineData(-60, false, TrackerHealth.Unknown, 150, 150, false, false)]
    [InlineData(20, false, TrackerHealth.Up, 150, 170, false, false)]
    [InlineData(20, false, TrackerHealth.Down, 150, 150, false, false)]
    [InlineData(20, true, TrackerHealth.Up, 150, 130, false, false)]
    [InlineData(0, false, TrackerHealth.Down, 150, 150, true, false)]
    [InlineData(0, false, TrackerHealth.Up, 150, 150, false, false)]
    [InlineData(0, false, TrackerHealth.Unknown, 150, 150, false, true)]
    [InlineData(0, true, TrackerHealth.Up, 150, 150, true, false)]
    [InlineData(0, true, TrackerHealth.Down, 150, 150, false, false)]
    [InlineData(200, false, TrackerHealth.Up, 150, 254, false, false)]
    [InlineData(-200, false, TrackerHealth.Down, 150, 1, false, false)]
    [InlineData(-60, false, TrackerHealth.Down, 255, 255, false, false)]
    [InlineData(0, false, TrackerHealth.Down, 255, 255, true, false)]
    public void Script(int weight, bool reverse, TrackerHealth health, int basePriority, int priority, bool fault, bool pending) =>
        Assert.Equal(
            new TrackingOutcome(priority, fault, pending),
            PriorityCalculator.Compute(basePriority, [(new TrackedReference(TrackerKind.Script, "chk", weight, reverse), new TrackerValue(health))]));

    [Theory]
    [InlineData(0, 0, 100, false)]
    [InlineData(0, 1, 100, true)]
    [InlineData(0, -3, 100, true)]
    [InlineData(10, 5, 150, false)]
    [InlineData(10, -5, 50, false)]
    [InlineData(-1, 254, 1, true)]
    [InlineData(-1, 253, 1, false)]
    public void File(int weight, long number, int priority, bool fault) =>
        Assert.Equal(
            new TrackingOutcome(priority, fault, false),
            PriorityCalculator.Compute(100, [(new TrackedReference(TrackerKind.File, "tf", weight), TrackerValue.File(number))]));

    [Fact]
    public void FaultWins_OverPending()
    {
        var outcome = PriorityCalculator.Compute(100,
        [
            (new TrackedReference(TrackerKind.Script, "a", 0), TrackerValue.Unknown),
            (new TrackedReference(TrackerKind.Interface, "eth1", 0), TrackerValue.Down),
        ]);
        Assert.Equal(new TrackingOutcome(100, Fault: true, Pending: false), outcome);
    }
}
