namespace Vigil.Linux.Interop;

/// <summary>Linux errno values (asm-generic/errno-base.h, errno.h). Typed so raw ints are not confused with them.</summary>
public enum Errno
{
    None = 0,
    EPERM = 1,
    ENOENT = 2,
    ESRCH = 3,
    EINTR = 4,
    EIO = 5,
    EBADF = 9,
    EAGAIN = 11,
    ENOMEM = 12,
    EACCES = 13,
    EBUSY = 16,
    EEXIST = 17,
    ENODEV = 19,
    EINVAL = 22,
    ENOSPC = 28,
    EPIPE = 32,
    ERANGE = 34,
    EMSGSIZE = 90,
    EPROTONOSUPPORT = 93,
    EOPNOTSUPP = 95,
    EAFNOSUPPORT = 97,
    EADDRINUSE = 98,
    EADDRNOTAVAIL = 99,
    ENETDOWN = 100,
    ENETUNREACH = 101,
    ECONNRESET = 104,
    ENOBUFS = 105,
    ETIMEDOUT = 110,
    ECONNREFUSED = 111,
    EHOSTUNREACH = 113,
}

/// <summary>An OS call failed: the operation and its errno.</summary>
public class ErrnoException(string operation, Errno errno, string? detail = null)
    : IOException($"{operation}: {Describe(errno)}{(string.IsNullOrEmpty(detail) ? "" : " (" + detail + ")")}")
{
    public string Operation { get; } = operation;

    public Errno Errno { get; } = errno;

    public static string Describe(Errno errno) => Enum.IsDefined(errno) ? $"{errno} ({(int)errno})" : $"errno {(int)errno}";
}
