using System.Diagnostics;
using Vigil.Linux.Interop;

namespace Vigil.Linux.Host;

/// <summary>
/// Going to the background without <c>-n</c>. .NET cannot fork(2) safely once the runtime runs threads, so the
/// parent re-executes itself with a marker in the environment and returns; the child detaches: a new
/// session (setsid), stdio on /dev/null, cwd /. The observable result is keepalived's: the command returns
/// at once and the daemon keeps running with its pid in the pid file.
/// </summary>
public static class Daemonizer
{
    public const string ChildMarker = "VIGIL_DAEMON_CHILD";

    public static bool IsDetachedChild => Environment.GetEnvironmentVariable(ChildMarker) == "1";

    /// <summary>Starts the detached copy of this process with the same arguments; returns its pid.</summary>
    public static int StartDetachedCopy(IEnumerable<string> args)
    {
        var exe = Environment.ProcessPath ?? throw new InvalidOperationException("cannot find the vigil executable");
        var psi = new ProcessStartInfo(exe) { UseShellExecute = false };
        var entry = Environment.GetCommandLineArgs();

        // Running as "dotnet vigil.dll": re-run the same dll.
        if (System.IO.Path.GetFileNameWithoutExtension(exe) == "dotnet" && entry.Length > 0)
        {
            psi.ArgumentList.Add(entry[0]);
        }

        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment[ChildMarker] = "1";
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("cannot start the daemon process");
        return p.Id;
    }

    /// <summary>Called first thing in the detached child: own session, stdio to /dev/null, cwd /.</summary>
    public static void DetachCurrentProcess()
    {
        LibcProcess.SetSid(); // fails only if already a group leader, which a spawned child is not
        using (var devNull = File.Open("/dev/null", FileMode.Open, FileAccess.ReadWrite))
        {
            var fd = (int)devNull.SafeFileHandle.DangerousGetHandle();
            for (var i = 0; i <= 2; i++)
            {
                LibcProcess.Dup2(fd, i);
            }
        }

        Directory.SetCurrentDirectory("/");
        Environment.SetEnvironmentVariable(ChildMarker, null);
    }
}
