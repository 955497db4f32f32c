using System.Net;

namespace Vigil.Vrrp.Engine.Tests;

public class AnnouncementSchedulerTests
{
    private static readonly IPAddress s_a = IPAddress.Parse("192.0.2.100");
    private static readonly IPAddress s_b = IPAddress.Parse("192.0.2.101");
    private static readonly IPAddress s_v6 = IPAddress.Parse("2001:db8::1");

    [Fact]
    public void TakeDue_NoSpacing_ReleasesEveryRoundAtOnce()
    {
        var s = new AnnouncementScheduler();
        s.Enqueue("VI_1", [("eth0", s_a), ("eth0", s_b)], 2, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.FromSeconds(1));
        var due = new List<Announcement>();

        s.TakeDue(TimeSpan.FromSeconds(1), due);

        Assert.Equal([s_a, s_b, s_a, s_b], due.Select(d => d.Address));
        Assert.Null(s.NextDeadline);
    }

    [Fact]
    public void TakeDue_WithSpacing_KeepsEachInterfaceAndFamilyApart()
    {
        var s = new AnnouncementScheduler();
        var t = TimeSpan.FromSeconds(10);
        s.Enqueue("VI_1", [("eth0", s_a), ("eth1", s_b), ("eth0", s_v6)], 2, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(300), t);
        var sent = new List<(TimeSpan, Announcement)>();

        while (s.NextDeadline is TimeSpan next)
        {
            var due = new List<Announcement>();
            s.TakeDue(next, due);
            sent.AddRange(due.Select(d => (next - t, d)));
        }

        Assert.Equal(
            [(0, "eth0", s_a), (0, "eth1", s_b), (0, "eth0", s_v6), (100, "eth0", s_a), (100, "eth1", s_b), (300, "eth0", s_v6)],
            sent.Select(x => ((int)x.Item1.TotalMilliseconds, x.Item2.InterfaceName, x.Item2.Address)).OrderBy(x => x.Item1).ToArray());
    }

    [Fact]
    public void Cancel_DropsOnlyThatInstancesQueue()
    {
        var s = new AnnouncementScheduler();
        var t = TimeSpan.FromSeconds(1);
        s.Enqueue("VI_1", [("eth0", s_a)], 3, TimeSpan.FromSeconds(1), TimeSpan.Zero, t);
        s.Enqueue("VI_2", [("eth0", s_b)], 1, TimeSpan.FromSeconds(1), TimeSpan.Zero, t);
        var due = new List<Announcement>();
        s.TakeDue(t, due);

        s.Cancel("VI_1");
        s.TakeDue(t + TimeSpan.FromSeconds(10), due);

        Assert.Equal([("VI_1", s_a), ("VI_2", s_b)], due.Select(d => (d.InstanceName, d.Address)));
    }
}
