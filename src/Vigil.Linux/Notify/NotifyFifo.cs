using System.Text;
using Vigil.Linux.Interop;

namespace Vigil.Linux.Notify;

/// <summary>
/// A notify FIFO (<c>notify_fifo</c>, <c>vrrp_notify_fifo</c>, <c>lvs_notify_fifo</c>): created with mkfifo when
/// missing (and removed again at exit), owned by the configured user/group, opened read-write and
/// non-blocking so that opening never waits for a reader and a full pipe never stalls the daemon — a line that
/// does not fit is dropped and counted. FIFOs keep the order of events, which scripts started per event cannot.
/// </summary>
public sealed unsafe class NotifyFifo : IDisposable
{
    private readonly object _gate = new();
    private readonly bool _created;
    private int _fd;

    private NotifyFifo(string path, int fd, bool created)
    {
        Path = path;
        _fd = fd;
        _created = created;
    }

    public string Path { get; }

    /// <summary>Lines dropped because the FIFO was full (nobody reading).</summary>
    public int Dropped { get; private set; }

    public static NotifyFifo Open(string path, uint? uid = null, uint? gid = null)
    {
        var created = false;
        if (!File.Exists(path))
        {
            if (LibcProcess.MkFifo(path, Convert.ToUInt32("600", 8)) != 0 && Libc.LastErrno != Errno.EEXIST)
            {
                throw new ErrnoException($"mkfifo({path})", Libc.LastErrno);
            }

            created = true;
            if ((uid is not null || gid is not null) &&
                LibcProcess.Chown(path, uid ?? uint.MaxValue, gid ?? uint.MaxValue) != 0)
            {
                throw new ErrnoException($"chown({path})", Libc.LastErrno);
            }
        }

        var fd = LibcProcess.Open(path, LibcProcess.O_RDWR | LibcProcess.O_NONBLOCK | LibcProcess.O_CLOEXEC);
        if (fd < 0)
        {
            throw new ErrnoException($"open({path})", Libc.LastErrno);
        }

        return new NotifyFifo(path, fd, created);
    }

    /// <summary>Writes one line (a newline is appended). Never blocks.</summary>
    public void WriteLine(string line)
    {
        var bytes = Encoding.UTF8.GetBytes(line + "\n");
        lock (_gate)
        {
            if (_fd < 0)
            {
                return;
            }

            fixed (byte* p = bytes)
            {
                // Writes up to PIPE_BUF (4096) bytes are atomic: a line is either written whole or not at all.
                if (LibcProcess.Write(_fd, p, (nuint)bytes.Length) != bytes.Length)
                {
                    Dropped++;
                }
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_fd >= 0)
            {
                Libc.Close(_fd);
                _fd = -1;
            }
        }

        if (_created)
        {
            try
            {
                File.Delete(Path);
            }
            catch (IOException)
            {
            }
        }
    }
}
