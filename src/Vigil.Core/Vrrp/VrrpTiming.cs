using Vigil.Vrrp.Packet;

namespace Vigil.Vrrp;

/// <summary>
/// RFC 3768 §6.1 / RFC 5798 §6.1 timer arithmetic, at keepalived's microsecond resolution (integer division, so the
/// values match keepalived's exactly).
/// </summary>
internal static class VrrpTiming
{
    private const long MicrosecondsPerSecond = 1_000_000;

    /// <summary>
    /// Skew_Time. VRRPv2: <c>(256 − priority) / 256</c> s. VRRPv3: <c>((256 − priority) × Master_Adver_Interval) / 256</c>.
    /// </summary>
    public static TimeSpan SkewTime(VrrpVersion version, int priority, TimeSpan masterAdverInterval)
    {
        var unit = version == VrrpVersion.V2 ? MicrosecondsPerSecond : ToMicroseconds(masterAdverInterval);
        return FromMicroseconds((256 - priority) * unit / 256);
    }

    /// <summary>
    /// Master_Down_Interval = <c>down_timer_adverts × Master_Adver_Interval + Skew_Time</c> (RFC: 3 × …).
    /// </summary>
    public static TimeSpan MasterDownInterval(VrrpVersion version, int priority, TimeSpan masterAdverInterval, int downTimerAdverts = 3) =>
        FromMicroseconds((downTimerAdverts * ToMicroseconds(masterAdverInterval)) + ToMicroseconds(SkewTime(version, priority, masterAdverInterval)));

    private static long ToMicroseconds(TimeSpan t) => t.Ticks / (TimeSpan.TicksPerMillisecond / 1000);

    private static TimeSpan FromMicroseconds(long us) => TimeSpan.FromTicks(us * (TimeSpan.TicksPerMillisecond / 1000));
}
