using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;

namespace Vigil.Config.Model;

/// <summary>Conversions between keepalived's decimal-seconds values and <see cref="TimeSpan"/>.</summary>
public static class TimeSpans
{
    /// <summary>keepalived keeps times in microseconds; so do we (TimeSpan ticks are 100 ns).</summary>
    public static TimeSpan FromMicroseconds(long microseconds) => TimeSpan.FromTicks(microseconds * 10);

    public static long ToMicroseconds(TimeSpan value) => value.Ticks / 10;
}
