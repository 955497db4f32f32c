using Vigil.Vrrp.Packet;

namespace Vigil.Vrrp.Tests;

public class VrrpTimingTests
{
    [Theory]
    [InlineData(100, 609_375)] // 156/256 s
    [InlineData(150, 414_062)] // 106/256 s = 414 062.5 µs, truncated like keepalived
    [InlineData(254, 7_812)]
    [InlineData(255, 3_906)]
    [InlineData(1, 996_093)]
    public void SkewTime_V2_IsFractionOfASecond(int priority, long microseconds)
    {
        // RFC 3768 §6.1: Skew_Time = (256 - Priority) / 256 seconds, independent of the interval.
        Assert.Equal(TimeSpan.FromTicks(microseconds * 10), VrrpTiming.SkewTime(VrrpVersion.V2, priority, TimeSpan.FromSeconds(1)));
        Assert.Equal(TimeSpan.FromTicks(microseconds * 10), VrrpTiming.SkewTime(VrrpVersion.V2, priority, TimeSpan.FromSeconds(5)));
    }

    [Theory]
    [InlineData(100, 1000, 609_375)]
    [InlineData(100, 100, 60_937)]
    [InlineData(200, 2000, 437_500)]
    [InlineData(255, 10, 39)]
    public void SkewTime_V3_ScalesWithMasterAdverInterval(int priority, int intervalMs, long microseconds)
    {
        // RFC 5798 §6.1: Skew_Time = ((256 - Priority) * Master_Adver_Interval) / 256.
        Assert.Equal(TimeSpan.FromTicks(microseconds * 10), VrrpTiming.SkewTime(VrrpVersion.V3, priority, TimeSpan.FromMilliseconds(intervalMs)));
    }

    [Theory]
    [InlineData(VrrpVersion.V2, 100, 1000, 3, 3_609_375)]
    [InlineData(VrrpVersion.V2, 150, 1000, 3, 3_414_062)]
    [InlineData(VrrpVersion.V2, 100, 3000, 3, 9_609_375)]
    [InlineData(VrrpVersion.V3, 100, 1000, 3, 3_609_375)]
    [InlineData(VrrpVersion.V3, 100, 2000, 3, 7_218_750)]
    [InlineData(VrrpVersion.V3, 100, 1000, 1, 1_609_375)]
    [InlineData(VrrpVersion.V3, 100, 1000, 10, 10_609_375)]
    public void MasterDownInterval_IsDownTimerAdvertsIntervalsPlusSkew(VrrpVersion version, int priority, int intervalMs, int adverts, long microseconds)
    {
        var interval = TimeSpan.FromMilliseconds(intervalMs);

        Assert.Equal(TimeSpan.FromTicks(microseconds * 10), VrrpTiming.MasterDownInterval(version, priority, interval, adverts));
    }
}
