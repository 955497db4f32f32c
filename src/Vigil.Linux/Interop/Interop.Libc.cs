using System.Runtime.InteropServices;

[assembly: System.Runtime.CompilerServices.DisableRuntimeMarshalling]

namespace Vigil.Linux.Interop;

/// <summary>The libc calls .NET has no API for. Names and constants follow the kernel headers.</summary>
internal static unsafe partial class Libc
{
    private const string Lib = "libc";

    // <bits/socket.h>
    public const int AF_INET = 2;
    public const int AF_INET6 = 10;
    public const int AF_NETLINK = 16;
    public const int AF_PACKET = 17;
    public const int SOCK_DGRAM = 2;
    public const int SOCK_RAW = 3;
    public const int SOCK_CLOEXEC = 0x80000;
    public const int SOCK_NONBLOCK = 0x800;
    public const int SOL_SOCKET = 1;
    public const int SOL_IP = 0;
    public const int SOL_IPV6 = 41;
    public const int SOL_RAW = 255;
    public const int SOL_NETLINK = 270;
    public const int SO_RCVBUF = 8;
    public const int SO_RCVBUFFORCE = 33;
    public const int SO_BINDTODEVICE = 25;
    public const int SO_MARK = 36;

    // <sched.h>
    public const int CLONE_NEWNET = 0x40000000;

    [LibraryImport(Lib, EntryPoint = "socket", SetLastError = true)]
    public static partial int Socket(int domain, int type, int protocol);

    [LibraryImport(Lib, EntryPoint = "bind", SetLastError = true)]
    public static partial int Bind(int fd, void* addr, int addrlen);

    [LibraryImport(Lib, EntryPoint = "getsockname", SetLastError = true)]
    public static partial int GetSockName(int fd, void* addr, int* addrlen);

    [LibraryImport(Lib, EntryPoint = "setsockopt", SetLastError = true)]
    public static partial int SetSockOpt(int fd, int level, int optname, void* optval, int optlen);

    [LibraryImport(Lib, EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport(Lib, EntryPoint = "setns", SetLastError = true)]
    public static partial int SetNs(int fd, int nstype);

    [LibraryImport(Lib, EntryPoint = "if_nametoindex", SetLastError = true)]
    public static partial uint IfNameToIndex(byte* name);

    [LibraryImport(Lib, EntryPoint = "recvmsg", SetLastError = true)]
    public static partial nint RecvMsg(int fd, MsgHdr* msg, int flags);

    [LibraryImport(Lib, EntryPoint = "sendmsg", SetLastError = true)]
    public static partial nint SendMsg(int fd, MsgHdr* msg, int flags);

    /// <summary>struct msghdr (x86-64 layout).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct MsgHdr
    {
        public void* msg_name;
        public uint msg_namelen;
        public IoVec* msg_iov;
        public nuint msg_iovlen;
        public void* msg_control;
        public nuint msg_controllen;
        public int msg_flags;
    }

    /// <summary>struct iovec.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct IoVec
    {
        public void* iov_base;
        public nuint iov_len;
    }

    /// <summary>struct cmsghdr header (x86-64: size_t len, int level, int type).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct CmsgHdr
    {
        public nuint cmsg_len;
        public int cmsg_level;
        public int cmsg_type;
    }

    public static Errno LastErrno => (Errno)Marshal.GetLastPInvokeError();

    /// <summary>setsockopt with an int value; throws <see cref="ErrnoException"/> on failure.</summary>
    public static void SetSockOptInt(int fd, int level, int optname, int value, string what)
    {
        if (SetSockOpt(fd, level, optname, &value, sizeof(int)) != 0)
        {
            throw new ErrnoException(what, LastErrno);
        }
    }
}

/// <summary>Process-level libc calls used by the daemon host.</summary>
internal static partial class LibcProcess
{
    public const int O_RDWR = 2;

    [LibraryImport("libc", EntryPoint = "setsid", SetLastError = true)]
    public static partial int SetSid();

    [LibraryImport("libc", EntryPoint = "dup2", SetLastError = true)]
    public static partial int Dup2(int oldfd, int newfd);

    [LibraryImport("libc", EntryPoint = "umask")]
    public static partial uint Umask(uint mask);

    [LibraryImport("libc", EntryPoint = "getppid")]
    public static partial int GetPpid();

    public const int LOCK_EX = 2;
    public const int LOCK_NB = 4;

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    public static partial int Flock(int fd, int operation);

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int Open(string path, int flags);

    public const int O_WRONLY = 1;
    public const int O_NONBLOCK = 0x800;
    public const int O_CLOEXEC = 0x80000;

    [LibraryImport("libc", EntryPoint = "mkfifo", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int MkFifo(string path, uint mode);

    [LibraryImport("libc", EntryPoint = "chown", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int Chown(string path, uint owner, uint group);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    public static unsafe partial nint Write(int fd, byte* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    public static unsafe partial nint Read(int fd, byte* buffer, nuint count);
}
