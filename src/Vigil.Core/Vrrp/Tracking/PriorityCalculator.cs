namespace Vigil.Vrrp.Tracking;

/// <summary>
/// keepalived's priority arithmetic (reference §3.11, observed with 2.2.7): a positive weight is added while the object
/// is up, a negative one while it is down, <c>reverse</c> negates the adjustment; a track_file adds number × weight
/// (negated with <c>reverse</c>). Weight 0: down means FAULT, a non-zero file number means FAULT. Unknown objects add
/// nothing. The total is clamped to 1..254; an address owner's 255 never changes (its faults still count).
/// </summary>
public static class PriorityCalculator
{
    /// <summary>The lowest total a track_file may bring; below it the instance is in FAULT.</summary>
    public const int FileFaultBelow = -253;

    /// <summary>Computes the outcome for <paramref name="basePriority"/> and its references' current values.</summary>
    public static TrackingOutcome Compute(int basePriority, IEnumerable<(TrackedReference Reference, TrackerValue Value)> tracked)
    {
        ArgumentNullException.ThrowIfNull(tracked);
        long total = basePriority;
        var fault = false;
        var pending = false;
        foreach (var (r, v) in tracked)
        {
            if (r.Kind == TrackerKind.File)
            {
                var number = v.Health == TrackerHealth.Unknown ? 0 : v.Number;
                if (r.Weight == 0)
                {
                    fault |= number != 0;
                    continue;
                }

                var added = number * r.Weight * (r.Reverse ? -1 : 1);
                if (added < FileFaultBelow)
                {
                    fault = true;
                }

                total += Math.Clamp(added, -1000, 1000);
                continue;
            }

            switch (v.Health)
            {
                case TrackerHealth.Unknown:
                    pending |= r.Weight == 0;
                    break;
                case TrackerHealth.Down when r.Weight == 0 && !r.Reverse:
                case TrackerHealth.Up when r.Weight == 0 && r.Reverse:
                    // "weight 0 reverse will cause the vrrp instance to be down when the quorum is up" (keepalived.conf(5)).
                    fault = true;
                    break;
                case TrackerHealth.Down when r.Weight < 0:
                case TrackerHealth.Up when r.Weight > 0:
                    total += r.Reverse ? -r.Weight : r.Weight;
                    break;
            }
        }

        var priority = basePriority >= 255 ? 255 : (int)Math.Clamp(total, 1, 254);
        return new TrackingOutcome(priority, fault, pending && !fault);
    }
}
