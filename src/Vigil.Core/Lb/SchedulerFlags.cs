namespace Vigil.Lb;

/// <summary>
/// Scheduler flags of a virtual service (keepalived <c>flag-1 flag-2 flag-3</c>). Their meaning depends on
/// the scheduler: for sh and mh, flag-1 is fallback and flag-2 is port (linux/ip_vs.h
/// IP_VS_SVC_F_SCHED_SH_FALLBACK/…_PORT; keepalived <c>sh-fallback sh-port mh-fallback mh-port</c>).
/// </summary>
[Flags]
public enum SchedulerFlags
{
    None = 0,
    Flag1 = 1,
    Flag2 = 2,
    Flag3 = 4,
}

/// <summary>The scheduler-specific names of <see cref="SchedulerFlags"/>.</summary>
public static class SchedulerFlagNames
{
    /// <summary>sh-fallback / mh-fallback: pick another server when the hashed one is unavailable.</summary>
    public const SchedulerFlags Fallback = SchedulerFlags.Flag1;

    /// <summary>sh-port / mh-port: hash the source port as well as the source address.</summary>
    public const SchedulerFlags Port = SchedulerFlags.Flag2;

    /// <summary>
    /// ipvsadm's words for the flags of <paramref name="scheduler"/>: "sh-fallback,sh-port" or "flag-1,flag-3".
    /// For sh and mh only the two named flags are shown (ipvsadm 1.31 prints "mh (mh-fallback)" for flag-1|flag-3).
    /// </summary>
    public static string Describe(string scheduler, SchedulerFlags flags)
    {
        var names = new List<string>(3);
        var hashing = scheduler is "sh" or "mh";
        if ((flags & SchedulerFlags.Flag1) != 0)
        {
            names.Add(hashing ? scheduler + "-fallback" : "flag-1");
        }

        if ((flags & SchedulerFlags.Flag2) != 0)
        {
            names.Add(hashing ? scheduler + "-port" : "flag-2");
        }

        if ((flags & SchedulerFlags.Flag3) != 0 && !hashing)
        {
            names.Add("flag-3");
        }

        return string.Join(',', names);
    }
}
