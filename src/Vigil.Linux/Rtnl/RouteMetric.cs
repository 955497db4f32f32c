namespace Vigil.Linux.Rtnl;

/// <summary>
/// One RTAX_* metric inside RTA_METRICS (linux/rtnetlink.h): 2 mtu, 3 window, 4 rtt, 5 rttvar, 6 ssthresh,
/// 7 cwnd, 8 advmss, 9 reordering, 10 hoplimit, 11 initcwnd, 12 features, 13 rto_min, 14 initrwnd,
/// 15 quickack, 17 fastopen_no_cookie. <see cref="Locked"/> sets the metric's bit in RTAX_LOCK ("lock").
/// </summary>
public sealed record RouteMetric(ushort Type, uint Value, bool Locked = false)
{
    public const ushort Mtu = 2;
    public const ushort Window = 3;
    public const ushort Rtt = 4;
    public const ushort RttVar = 5;
    public const ushort SsThresh = 6;
    public const ushort Cwnd = 7;
    public const ushort AdvMss = 8;
    public const ushort Reordering = 9;
    public const ushort HopLimit = 10;
    public const ushort InitCwnd = 11;
    public const ushort Features = 12;
    public const ushort RtoMin = 13;
    public const ushort InitRwnd = 14;
    public const ushort QuickAck = 15;
    public const ushort FastOpenNoCookie = 17;
}
