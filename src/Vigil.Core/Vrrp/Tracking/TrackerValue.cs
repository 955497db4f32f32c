namespace Vigil.Vrrp.Tracking;

/// <summary>The current value of a tracked object.</summary>
/// <param name="Health">Up, down or not known yet (files are always known).</param>
/// <param name="Number">A track_file's number (0 for everything else).</param>
public readonly record struct TrackerValue(TrackerHealth Health, long Number = 0)
{
    /// <summary>Not known yet.</summary>
    public static TrackerValue Unknown => new(TrackerHealth.Unknown);

    /// <summary>Up / OK.</summary>
    public static TrackerValue Up => new(TrackerHealth.Up);

    /// <summary>Down / failed.</summary>
    public static TrackerValue Down => new(TrackerHealth.Down);

    /// <summary>A track_file's number.</summary>
    public static TrackerValue File(long number) => new(TrackerHealth.Up, number);
}
