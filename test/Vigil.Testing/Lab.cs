using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;

namespace Vigil.Testing;

/// <summary>
/// Hosts made of network namespaces for one test. Every namespace name starts with a per-run, per-lab
/// unique prefix; disposing the lab kills the processes it started and deletes exactly the namespaces it
/// created. Addresses used inside are from the documentation ranges only.
/// </summary>
public sealed class Lab : IDisposable
{
    private readonly List<NetNs> _namespaces = [];
    private readonly List<Process> _processes = [];
    private int _ports;

    public Lab()
    {
        var run = Environment.GetEnvironmentVariable("VIGIL_RUN_ID");
        var rand = Convert.ToHexString(RandomNumberGenerator.GetBytes(3)).ToLowerInvariant();
        Id = (string.IsNullOrEmpty(run) ? "vgt" : run) + "-" + rand;
    }

    /// <summary>Unique prefix of every namespace this lab creates.</summary>
    public string Id { get; }

    public IReadOnlyList<NetNs> Namespaces => _namespaces;

    /// <summary>A host: a namespace with loopback up.</summary>
    public NetNs Host(string role)
    {
        var ns = new NetNs($"{Id}-{role}");
        Cmd.Run("ip", "netns", "add", ns.Name).EnsureSuccess($"ip netns add {ns.Name}");
        _namespaces.Add(ns);
        ns.Ip("link", "set", "lo", "up");
        return ns;
    }

    /// <summary>A switch: a namespace holding bridge <paramref name="bridge"/>.</summary>
    public NetNs Switch(string role = "sw", string bridge = "br0")
    {
        var ns = Host(role);
        ns.Ip("link", "add", bridge, "type", "bridge", "stp_state", "0", "forward_delay", "0");
        ns.Ip("link", "set", bridge, "up");
        return ns;
    }

    /// <summary>Connects <paramref name="host"/> to the bridge in <paramref name="sw"/> with a veth pair.</summary>
    public void Attach(NetNs host, string ifName, NetNs sw, string bridge = "br0", string? mac = null)
    {
        var port = $"p{Interlocked.Increment(ref _ports)}";
        host.Ip("link", "add", ifName, "type", "veth", "peer", "name", port, "netns", sw.Name);
        if (mac is not null)
        {
            host.Ip("link", "set", ifName, "address", mac);
        }

        sw.Ip("link", "set", port, "master", bridge);
        sw.Ip("link", "set", port, "up");
        host.Ip("link", "set", ifName, "up");
    }

    /// <summary>Connects two hosts back to back.</summary>
    public void Link(NetNs a, string ifA, NetNs b, string ifB)
    {
        a.Ip("link", "add", ifA, "type", "veth", "peer", "name", ifB, "netns", b.Name);
        a.Ip("link", "set", ifA, "up");
        b.Ip("link", "set", ifB, "up");
    }

    /// <summary>Starts a long-running program inside a namespace; it is killed when the lab is disposed.</summary>
    public Process Start(NetNs ns, string file, IEnumerable<string> args, string? stdoutFile = null, IDictionary<string, string>? env = null)
    {
        var psi = new ProcessStartInfo("ip")
        {
            UseShellExecute = false,
            RedirectStandardOutput = stdoutFile is not null,
            RedirectStandardError = stdoutFile is not null,
        };
        foreach (var a in (string[])["netns", "exec", ns.Name, file, .. args])
        {
            psi.ArgumentList.Add(a);
        }

        if (env is not null)
        {
            foreach (var (k, v) in env)
            {
                psi.Environment[k] = v;
            }
        }

        var p = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {file} in {ns.Name}");
        if (stdoutFile is not null)
        {
            var writer = new StreamWriter(stdoutFile, append: true) { AutoFlush = true };
            var gate = new object();
            p.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (gate) { writer.WriteLine(e.Data); } } };
            p.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (gate) { writer.WriteLine(e.Data); } } };
            p.Exited += (_, _) => { lock (gate) { writer.Flush(); } };
            p.EnableRaisingEvents = true;
            p.BeginOutputReadLine();
            p.BeginErrorReadLine();
        }

        lock (_processes)
        {
            _processes.Add(p);
        }

        return p;
    }

    public void Dispose()
    {
        lock (_processes)
        {
            foreach (var p in _processes)
            {
                try
                {
                    if (!p.HasExited)
                    {
                        p.Kill(entireProcessTree: true);
                        p.WaitForExit(5000);
                    }
                }
                catch (InvalidOperationException)
                {
                }
                catch (System.ComponentModel.Win32Exception)
                {
                }
                finally
                {
                    p.Dispose();
                }
            }

            _processes.Clear();
        }

        foreach (var ns in _namespaces)
        {
            ns.KillAll();
        }

        foreach (var ns in _namespaces)
        {
            Cmd.Run("ip", ["netns", "del", ns.Name], TimeSpan.FromSeconds(10));
        }

        _namespaces.Clear();
    }
}

/// <summary>One network namespace created by a <see cref="Lab"/>.</summary>
public sealed class NetNs(string name)
{
    public string Name { get; } = name;

    /// <summary>Runs <c>ip -n NAME ARGS</c> and throws on failure.</summary>
    public CmdResult Ip(params string[] args) =>
        Cmd.Run("ip", ["-n", Name, .. args], TimeSpan.FromSeconds(30)).EnsureSuccess($"ip -n {Name} {string.Join(' ', args)}");

    /// <summary>Runs a program inside the namespace and returns its result (no throw).</summary>
    public CmdResult Exec(string file, params string[] args) => Exec(TimeSpan.FromSeconds(30), file, args);

    public CmdResult Exec(TimeSpan timeout, string file, params string[] args) =>
        Cmd.Run("ip", ["netns", "exec", Name, file, .. args], timeout);

    /// <summary>Runs <paramref name="work"/> on a thread inside this namespace (sockets it opens stay here).</summary>
    public T Run<T>(Func<T> work) => Vigil.Linux.NetNamespace.Run("/run/netns/" + Name, work);

    public void Run(Action work) => Vigil.Linux.NetNamespace.Run("/run/netns/" + Name, work);

    public void AddAddress(string ifName, string cidr) => Ip("addr", "add", cidr, "dev", ifName);

    /// <summary>True when <paramref name="address"/> (no prefix) is configured on any interface.</summary>
    public bool HasAddress(string address)
    {
        var r = Cmd.Run("ip", ["-n", Name, "-j", "addr", "show"], TimeSpan.FromSeconds(10));
        if (r.ExitCode != 0)
        {
            return false;
        }

        using var doc = JsonDocument.Parse(r.StdOut);
        foreach (var link in doc.RootElement.EnumerateArray())
        {
            if (!link.TryGetProperty("addr_info", out var infos))
            {
                continue;
            }

            foreach (var info in infos.EnumerateArray())
            {
                if (info.TryGetProperty("local", out var local) && local.GetString() == address)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Kills every process still running inside this namespace (only ours can be in it).</summary>
    public void KillAll()
    {
        var r = Cmd.Run("ip", ["netns", "pids", Name], TimeSpan.FromSeconds(10));
        foreach (var line in r.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (int.TryParse(line, out var pid))
            {
                try
                {
                    using var p = Process.GetProcessById(pid);
                    p.Kill(entireProcessTree: true);
                }
                catch (ArgumentException)
                {
                }
                catch (InvalidOperationException)
                {
                }
            }
        }
    }

    public override string ToString() => Name;
}
