using System.Runtime.InteropServices;
using Vigil.Linux.Interop;

namespace Vigil.Linux.Scripts;

/// <summary>
/// The libc calls the script runner needs and .NET has no API for: posix_spawn with a process group,
/// pidfd (exact exit status and signal, no SIGCHLD races with the runtime's own Process reaping),
/// kill of a process group, eventfd, poll, and NSS user/group lookup. Names and constants follow the
/// glibc/kernel headers (x86-64). Kept next to the runner because this work stream may only write under
/// Scripts/ and Checkers/; it belongs in Interop/ and can move there unchanged.
/// </summary>
internal static unsafe partial class ProcessInterop
{
    private const string Lib = "libc";

    // <spawn.h>
    public const short POSIX_SPAWN_SETPGROUP = 0x02;
    public const short POSIX_SPAWN_SETSIGDEF = 0x04;
    public const short POSIX_SPAWN_SETSIGMASK = 0x08;

    // Opaque glibc sizes (x86-64): posix_spawnattr_t 336, posix_spawn_file_actions_t 80, sigset_t 128.
    public const int SpawnAttrSize = 512;
    public const int FileActionsSize = 256;
    public const int SigSetSize = 128;

    // <errno.h> (not in Interop.Errno)
    public const int ENOEXEC = 8;

    // <fcntl.h>
    public const int O_RDONLY = 0;
    public const int O_WRONLY = 1;

    // <signal.h>
    public const int SIGKILL = 9;
    public const int SIGTERM = 15;

    // <sys/wait.h>, <bits/waitflags.h>
    public const int P_PIDFD = 3;
    public const int WEXITED = 4;

    // siginfo_t si_code for SIGCHLD
    public const int CLD_EXITED = 1;
    public const int CLD_KILLED = 2;
    public const int CLD_DUMPED = 3;

    // <sys/syscall.h> (x86-64)
    public const int SYS_pidfd_open = 434;

    // <sys/eventfd.h>
    public const int EFD_CLOEXEC = 0x80000;
    public const int EFD_NONBLOCK = 0x800;

    // <poll.h>
    public const short POLLIN = 0x001;

    [LibraryImport(Lib, EntryPoint = "posix_spawn")]
    public static partial int PosixSpawn(int* pid, byte* path, void* fileActions, void* attr, byte** argv, byte** envp);

    [LibraryImport(Lib, EntryPoint = "posix_spawnattr_init")]
    public static partial int SpawnAttrInit(void* attr);

    [LibraryImport(Lib, EntryPoint = "posix_spawnattr_destroy")]
    public static partial int SpawnAttrDestroy(void* attr);

    [LibraryImport(Lib, EntryPoint = "posix_spawnattr_setflags")]
    public static partial int SpawnAttrSetFlags(void* attr, short flags);

    [LibraryImport(Lib, EntryPoint = "posix_spawnattr_setpgroup")]
    public static partial int SpawnAttrSetPgroup(void* attr, int pgroup);

    [LibraryImport(Lib, EntryPoint = "posix_spawnattr_setsigmask")]
    public static partial int SpawnAttrSetSigMask(void* attr, void* sigset);

    [LibraryImport(Lib, EntryPoint = "posix_spawnattr_setsigdefault")]
    public static partial int SpawnAttrSetSigDefault(void* attr, void* sigset);

    [LibraryImport(Lib, EntryPoint = "posix_spawn_file_actions_init")]
    public static partial int FileActionsInit(void* fileActions);

    [LibraryImport(Lib, EntryPoint = "posix_spawn_file_actions_destroy")]
    public static partial int FileActionsDestroy(void* fileActions);

    [LibraryImport(Lib, EntryPoint = "posix_spawn_file_actions_addopen")]
    public static partial int FileActionsAddOpen(void* fileActions, int fd, byte* path, int flags, int mode);

    [LibraryImport(Lib, EntryPoint = "sigemptyset")]
    public static partial int SigEmptySet(void* set);

    [LibraryImport(Lib, EntryPoint = "sigfillset")]
    public static partial int SigFillSet(void* set);

    [LibraryImport(Lib, EntryPoint = "syscall", SetLastError = true)]
    public static partial nint Syscall(nint number, nint arg1, nint arg2);

    [LibraryImport(Lib, EntryPoint = "poll", SetLastError = true)]
    public static partial int Poll(PollFd* fds, nuint count, int timeoutMs);

    [LibraryImport(Lib, EntryPoint = "waitid", SetLastError = true)]
    public static partial int WaitId(int idType, uint id, SigInfo* info, int options);

    [LibraryImport(Lib, EntryPoint = "kill", SetLastError = true)]
    public static partial int Kill(int pid, int signal);

    [LibraryImport(Lib, EntryPoint = "eventfd", SetLastError = true)]
    public static partial int EventFd(uint initval, int flags);

    [LibraryImport(Lib, EntryPoint = "read", SetLastError = true)]
    public static partial nint Read(int fd, void* buffer, nuint count);

    [LibraryImport(Lib, EntryPoint = "write", SetLastError = true)]
    public static partial nint Write(int fd, void* buffer, nuint count);

    [LibraryImport(Lib, EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport(Lib, EntryPoint = "getpwnam_r")]
    public static partial int GetPwNamR(byte* name, Passwd* pwd, byte* buffer, nuint size, Passwd** result);

    [LibraryImport(Lib, EntryPoint = "getpwuid_r")]
    public static partial int GetPwUidR(uint uid, Passwd* pwd, byte* buffer, nuint size, Passwd** result);

    [LibraryImport(Lib, EntryPoint = "getgrnam_r")]
    public static partial int GetGrNamR(byte* name, Group* grp, byte* buffer, nuint size, Group** result);

    public static Errno LastErrno => (Errno)Marshal.GetLastPInvokeError();

    /// <summary>struct pollfd.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct PollFd
    {
        public int fd;
        public short events;
        public short revents;
    }

    /// <summary>siginfo_t (128 bytes); for SIGCHLD si_pid at 16, si_uid at 20, si_status at 24.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 128)]
    public struct SigInfo
    {
        [FieldOffset(0)]
        public int si_signo;

        [FieldOffset(4)]
        public int si_errno;

        [FieldOffset(8)]
        public int si_code;

        [FieldOffset(16)]
        public int si_pid;

        [FieldOffset(20)]
        public uint si_uid;

        [FieldOffset(24)]
        public int si_status;
    }

    /// <summary>struct passwd (x86-64).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Passwd
    {
        public byte* pw_name;
        public byte* pw_passwd;
        public uint pw_uid;
        public uint pw_gid;
        public byte* pw_gecos;
        public byte* pw_dir;
        public byte* pw_shell;
    }

    /// <summary>struct group (x86-64).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Group
    {
        public byte* gr_name;
        public byte* gr_passwd;
        public uint gr_gid;
        public byte** gr_mem;
    }
}
