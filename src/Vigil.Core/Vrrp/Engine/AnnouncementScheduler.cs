namespace Vigil.Vrrp.Engine;

/// <summary>
/// Queues GARP/NA bursts per interface and family and releases them no faster than <c>vrrp_garp_interval</c> /
/// <c>vrrp_gna_interval</c> (keepalived: "Delay between gratuitous ARP messages sent on an interface"). With no
/// spacing everything due is released at once. Pure: time is passed in.
/// </summary>
internal sealed class AnnouncementScheduler
{
    private readonly Dictionary<(string Interface, bool Ipv6), Lane> _lanes = [];

    /// <summary>Earliest time a queued announcement may go, or null when nothing is queued.</summary>
    public TimeSpan? NextDeadline
    {
        get
        {
            TimeSpan? next = null;
            foreach (var lane in _lanes.Values)
            {
                if (lane.Pending.Count > 0 && (next is null || lane.NextAt < next))
                {
                    next = lane.NextAt;
                }
            }

            return next;
        }
    }

    /// <summary>Queues <paramref name="repeat"/> rounds of <paramref name="addresses"/>.</summary>
    public void Enqueue(string instanceName, IReadOnlyList<(string Interface, System.Net.IPAddress Address)> addresses, int repeat, TimeSpan garpInterval, TimeSpan gnaInterval, TimeSpan now)
    {
        for (var round = 0; round < repeat; round++)
        {
            foreach (var (ifName, address) in addresses)
            {
                var item = new Announcement(instanceName, ifName, address);
                var key = (ifName, item.IsIpv6);
                if (!_lanes.TryGetValue(key, out var lane))
                {
                    lane = new Lane { NextAt = now };
                    _lanes[key] = lane;
                }

                if (lane.Pending.Count == 0 && lane.NextAt < now)
                {
                    lane.NextAt = now;
                }

                lane.Spacing = item.IsIpv6 ? gnaInterval : garpInterval;
                lane.Pending.Enqueue(item);
            }
        }
    }

    /// <summary>Moves every announcement due at <paramref name="now"/> into <paramref name="due"/>.</summary>
    public void TakeDue(TimeSpan now, List<Announcement> due)
    {
        foreach (var lane in _lanes.Values)
        {
            while (lane.Pending.Count > 0 && lane.NextAt <= now)
            {
                due.Add(lane.Pending.Dequeue());
                if (lane.Spacing > TimeSpan.Zero)
                {
                    lane.NextAt = now + lane.Spacing;
                }
            }
        }
    }

    /// <summary>Drops what <paramref name="instanceName"/> still had queued (it is no longer master: announcing its
    /// addresses now would pull traffic away from the new master).</summary>
    public void Cancel(string instanceName)
    {
        foreach (var lane in _lanes.Values)
        {
            if (lane.Pending.Count == 0)
            {
                continue;
            }

            var keep = lane.Pending.Where(a => a.InstanceName != instanceName).ToList();
            lane.Pending.Clear();
            foreach (var a in keep)
            {
                lane.Pending.Enqueue(a);
            }
        }
    }

    private sealed class Lane
    {
        public Queue<Announcement> Pending { get; } = new();

        public TimeSpan NextAt { get; set; }

        public TimeSpan Spacing { get; set; }
    }
}
