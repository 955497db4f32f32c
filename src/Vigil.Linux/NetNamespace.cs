using Microsoft.Win32.SafeHandles;
using Vigil.Linux.Interop;

namespace Vigil.Linux;

/// <summary>
/// Runs code inside another network namespace. setns(2) is per thread, so the work runs on a dedicated
/// thread that enters the namespace first; sockets created there stay in that namespace for their life.
/// </summary>
public static class NetNamespace
{
    /// <summary>Runs <paramref name="work"/> on a new thread inside the namespace at <paramref name="path"/> (e.g. /run/netns/NAME).</summary>
    public static T Run<T>(string path, Func<T> work)
    {
        T result = default!;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                using (SafeFileHandle handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read))
                {
                    if (Libc.SetNs((int)handle.DangerousGetHandle(), Libc.CLONE_NEWNET) != 0)
                    {
                        throw new ErrnoException($"setns({path})", Libc.LastErrno);
                    }
                }

                result = work();
            }
            catch (Exception e)
            {
                failure = e;
            }
        })
        {
            IsBackground = true,
            Name = "netns " + Path.GetFileName(path),
        };
        thread.Start();
        thread.Join();
        if (failure is not null)
        {
            throw new AggregateException($"work in network namespace {path} failed", failure);
        }

        return result;
    }

    public static void Run(string path, Action work) => Run<bool>(path, () =>
    {
        work();
        return true;
    });
}
