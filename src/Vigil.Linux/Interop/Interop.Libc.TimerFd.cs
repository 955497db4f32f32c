using System.Runtime.InteropServices;

namespace Vigil.Linux.Interop;

/// <summary>timerfd(2): timers on CLOCK_MONOTONIC with nanosecond resolution.</summary>
internal static unsafe partial class Libc
{
    // <linux/time.h>, <sys/timerfd.h>
    public const int CLOCK_MONOTONIC = 1;
    public const int TFD_CLOEXEC = 0x80000;
    public const int TFD_TIMER_ABSTIME = 1;

    [LibraryImport(Lib, EntryPoint = "timerfd_create", SetLastError = true)]
    public static partial int TimerFdCreate(int clockid, int flags);

    [LibraryImport(Lib, EntryPoint = "timerfd_settime", SetLastError = true)]
    public static partial int TimerFdSetTime(int fd, int flags, ITimerSpec* newValue, ITimerSpec* oldValue);

    /// <summary>struct timespec (x86-64 / arm64: two longs).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct TimeSpec
    {
        public long TvSec;
        public long TvNsec;
    }

    /// <summary>struct itimerspec.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct ITimerSpec
    {
        public TimeSpec ItInterval;
        public TimeSpec ItValue;
    }
}
