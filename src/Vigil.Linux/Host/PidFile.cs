using System.Globalization;
using System.Text;
using Vigil.Linux.Interop;

namespace Vigil.Linux.Host;

/// <summary>
/// A pid file held with an exclusive advisory lock for the life of the process, so a second daemon with
/// the same pid file sees "already running" even if a crashed one left the file behind (keepalived uses
/// locks the same way). On Linux, .NET implements <see cref="FileShare.None"/> with flock(LOCK_EX|LOCK_NB).
/// </summary>
public sealed class PidFile : IDisposable
{
    private readonly FileStream _stream;

    private PidFile(string path, FileStream stream)
    {
        Path = path;
        _stream = stream;
    }

    public string Path { get; }

    /// <summary>Creates and locks the pid file; returns null with a reason when another process holds it.</summary>
    public static PidFile? TryAcquire(string path, out string? error)
    {
        error = null;
        try
        {
            var dir = System.IO.Path.GetDirectoryName(path);
            if (!string.IsNullOrEmpty(dir))
            {
                Directory.CreateDirectory(dir);
            }

            var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite);
            if (LibcProcess.Flock((int)stream.SafeFileHandle.DangerousGetHandle(), LibcProcess.LOCK_EX | LibcProcess.LOCK_NB) != 0)
            {
                stream.Dispose();
                throw new IOException("flock: " + Libc.LastErrno);
            }

            stream.SetLength(0);
            var bytes = Encoding.ASCII.GetBytes(Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n");
            stream.Write(bytes);
            stream.Flush(flushToDisk: false);
            return new PidFile(path, stream);
        }
        catch (IOException e)
        {
            error = $"pid file {path} is locked by a running daemon ({ReadPid(path)?.ToString(CultureInfo.InvariantCulture) ?? "unknown pid"}): {e.Message}";
            return null;
        }
        catch (UnauthorizedAccessException e)
        {
            error = $"cannot create pid file {path}: {e.Message}";
            return null;
        }
    }

    /// <summary>Reads the pid recorded in a pid file, or null.</summary>
    /// <remarks>Plain open/read: .NET's own FileStream would take a shared flock and fail against the holder's lock.</remarks>
    public static unsafe int? ReadPid(string path)
    {
        var fd = LibcProcess.Open(path, 0);
        if (fd < 0)
        {
            return null;
        }

        try
        {
            var buffer = stackalloc byte[32];
            var n = LibcProcess.Read(fd, buffer, 32);
            if (n <= 0)
            {
                return null;
            }

            var text = Encoding.ASCII.GetString(buffer, (int)n).Trim();
            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;
        }
        finally
        {
            Libc.Close(fd);
        }
    }

    public void Dispose()
    {
        try
        {
            File.Delete(Path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        _stream.Dispose();
    }
}
