using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Vigil.Testing.Nodes;

/// <summary>
/// A VRRP daemon (Vigil or the reference keepalived) running in a lab namespace with its own config,
/// pid files and log file under a private directory.
/// </summary>
public abstract class DaemonNode : IDisposable
{
    private Process? _process;

    protected DaemonNode(Lab lab, NetNs ns, string name)
    {
        Lab = lab;
        Ns = ns;
        Name = name;
        Directory = Path.Combine(Path.GetTempPath(), "vigil-tests", lab.Id, name);
        System.IO.Directory.CreateDirectory(Directory);
        ConfigPath = Path.Combine(Directory, "keepalived.conf");
        LogPath = Path.Combine(Directory, "daemon.log");
    }

    public Lab Lab { get; }

    public NetNs Ns { get; }

    public string Name { get; }

    public string Directory { get; }

    public string ConfigPath { get; }

    public string LogPath { get; }

    public abstract string Kind { get; }

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Writes the configuration file (keepalived syntax).</summary>
    public DaemonNode Configure(string config)
    {
        File.WriteAllText(ConfigPath, config);
        return this;
    }

    public void Start(params string[] extraArgs)
    {
        if (IsRunning)
        {
            throw new InvalidOperationException($"{Name} already running");
        }

        File.AppendAllText(LogPath, $"--- start {Kind} {DateTime.Now:HH:mm:ss.fff}{Environment.NewLine}");
        var (file, args) = Command(extraArgs);
        _process = Lab.Start(Ns, file, args, LogPath, ExtraEnvironment());
    }

    protected abstract (string File, string[] Args) Command(string[] extraArgs);

    protected virtual IDictionary<string, string>? ExtraEnvironment() => null;

    /// <summary>SIGTERM to the daemon (graceful stop) and wait for it to exit.</summary>
    public void Stop(TimeSpan? timeout = null)
    {
        if (_process is null || _process.HasExited)
        {
            return;
        }

        Cmd.Run("kill", "-TERM", _process.Id.ToString(CultureInfo.InvariantCulture));
        if (!_process.WaitForExit((int)(timeout ?? TimeSpan.FromSeconds(15)).TotalMilliseconds))
        {
            Kill();
        }
    }

    /// <summary>SIGKILL to every process of this daemon in the namespace (a crash: no goodbye advert).</summary>
    public void Kill()
    {
        Ns.KillAll();
        _process?.WaitForExit(5000);
    }

    public string Log => File.Exists(LogPath) ? ReadShared(LogPath) : "";

    public int CountLog(string pattern) => Regex.Matches(Log, pattern).Count;

    public bool WaitForLog(string pattern, TimeSpan timeout, int occurrences = 1) =>
        Eventually.Wait(() => CountLog(pattern) >= occurrences, timeout, TimeSpan.FromMilliseconds(25));

    private static string ReadShared(string path)
    {
        using var s = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var r = new StreamReader(s);
        return r.ReadToEnd();
    }

    public virtual void Dispose()
    {
        Kill();
        GC.SuppressFinalize(this);
    }

    public override string ToString() => $"{Kind} {Name} in {Ns}";
}

/// <summary>Debian's keepalived 2.2.7, the reference peer.</summary>
public sealed class KeepalivedNode(Lab lab, NetNs ns, string name) : DaemonNode(lab, ns, name)
{
    public override string Kind => "keepalived";

    protected override (string File, string[] Args) Command(string[] extraArgs) =>
        ("keepalived",
        [
            "-n", "-l", "-D", "-f", ConfigPath,
            "-p", Path.Combine(Directory, "keepalived.pid"),
            "-r", Path.Combine(Directory, "vrrp.pid"),
            "-c", Path.Combine(Directory, "checkers.pid"),
            "-b", Path.Combine(Directory, "bfd.pid"),
            .. extraArgs,
        ]);
}

/// <summary>The vigil executable built with the tests.</summary>
public sealed class VigilNode(Lab lab, NetNs ns, string name) : DaemonNode(lab, ns, name)
{
    public override string Kind => "vigil";

    /// <summary>
    /// The vigil under test: <c>VIGIL_EXE</c> when set (test.sh points it at the NativeAOT build that ships), otherwise
    /// the apphost next to the test assembly, or vigil.dll through dotnet.
    /// </summary>
    public static (string File, string[] Prefix) Executable
    {
        get
        {
            if (Environment.GetEnvironmentVariable("VIGIL_EXE") is { Length: > 0 } exe)
            {
                return File.Exists(exe) ? (exe, []) : throw new FileNotFoundException("VIGIL_EXE does not exist", exe);
            }

            var dir = AppContext.BaseDirectory;
            var host = Path.Combine(dir, "vigil");
            if (File.Exists(host))
            {
                return (host, []);
            }

            return ("dotnet", [Path.Combine(dir, "vigil.dll")]);
        }
    }

    protected override (string File, string[] Args) Command(string[] extraArgs)
    {
        var (file, prefix) = Executable;
        return (file,
        [
            .. prefix, "-n", "-l", "-D", "-f", ConfigPath,
            "-p", Path.Combine(Directory, "keepalived.pid"),
            "-r", Path.Combine(Directory, "vrrp.pid"),
            "-c", Path.Combine(Directory, "checkers.pid"),
            .. extraArgs,
        ]);
    }

    protected override IDictionary<string, string>? ExtraEnvironment() =>
        new Dictionary<string, string> { ["DOTNET_gcServer"] = "0", ["DOTNET_TieredPGO"] = "0" };
}
