using System.Runtime.InteropServices;

namespace Vigil.Linux.Interop;

/// <summary>statx(2): file ownership, which .NET has no API for (script security checks need the owner uid/gid).</summary>
internal static unsafe partial class Libc
{
    // <fcntl.h>, <linux/stat.h>
    public const int AT_FDCWD = -100;
    public const uint STATX_BASIC_STATS = 0x7ff;

    /// <summary>Size of struct statx (linux/stat.h).</summary>
    public const int StatXSize = 256;

    // Offsets in struct statx: stx_uid at 20, stx_gid at 24, stx_mode at 28 (linux/stat.h).
    public const int StatXUidOffset = 20;
    public const int StatXGidOffset = 24;
    public const int StatXModeOffset = 28;

    [LibraryImport(Lib, EntryPoint = "statx", SetLastError = true)]
    public static partial int StatX(int dirfd, byte* pathname, int flags, uint mask, byte* statxbuf);
}
