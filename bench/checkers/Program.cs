using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Vigil.Checkers;
using Vigil.Linux.Checkers;
using Vigil.Linux.Scripts;

namespace Vigil.Bench;

/// <summary>
/// 1,000 real servers checked every second for a minute. The controller makes a network namespace with
/// 1,000 loopback aliases, starts the servers in one process and the checkers in another (both inside the
/// namespace), and reports the checker process's CPU time and memory only.
///   dotnet Vigil.Bench.dll [--servers N] [--seconds S] [--scenario tcp|http|mixed|all]
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "serve")
        {
            return await ServeAsync(int.Parse(args[1], CultureInfo.InvariantCulture));
        }

        if (args.Length > 0 && args[0] == "check")
        {
            return await CheckAsync(args[1], int.Parse(args[2], CultureInfo.InvariantCulture), int.Parse(args[3], CultureInfo.InvariantCulture));
        }

        return Controller(args);
    }

    private static IPAddress Address(int i) => IPAddress.Parse($"127.1.{i / 250}.{(i % 250) + 1}");

    private static int Controller(string[] args)
    {
        var servers = Option(args, "--servers", 1000);
        var seconds = Option(args, "--seconds", 60);
        var scenario = args.SkipWhile(a => a != "--scenario").Skip(1).FirstOrDefault() ?? "all";
        var ns = "vgbench-" + Convert.ToHexString(Guid.NewGuid().ToByteArray()[..3]).ToLowerInvariant();
        var self = Environment.ProcessPath!;
        var dll = typeof(Program).Assembly.Location;
        Run("ip", "netns", "add", ns);
        Process? server = null;
        try
        {
            Run("ip", "-n", ns, "link", "set", "lo", "up");
            var batch = new StringBuilder();
            for (var i = 0; i < servers; i++)
            {
                batch.Append(CultureInfo.InvariantCulture, $"addr add {Address(i)}/32 dev lo\n");
            }

            Run("ip", ["-n", ns, "-batch", "-"], batch.ToString());
            server = Start(ns, self, dll, ["serve", servers.ToString(CultureInfo.InvariantCulture)]);
            var ready = server.StandardOutput.ReadLine();
            if (ready != "ready")
            {
                Console.Error.WriteLine($"server did not start: {ready}");
                return 1;
            }

            Console.WriteLine($"# {servers} real servers on 127.1.x.y:80 in namespace {ns}, delay_loop 1 s, {seconds} s measured after 10 s warm-up");
            Console.WriteLine($"# {Environment.ProcessorCount} CPUs, .NET {Environment.Version}, {RuntimeInfo()}");
            Console.WriteLine("| scenario | checkers | probes/s | failed checks | CPU s per minute | CPU % of one core | RSS MiB (end) | peak RSS MiB | managed heap MiB |");
            Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
            foreach (var s in scenario == "all" ? ["tcp", "http", "mixed"] : new[] { scenario })
            {
                using var checker = Start(ns, self, dll, ["check", s, servers.ToString(CultureInfo.InvariantCulture), seconds.ToString(CultureInfo.InvariantCulture)]);
                var line = checker.StandardOutput.ReadToEnd().Trim();
                checker.WaitForExit();
                Console.WriteLine(line);
            }

            return 0;
        }
        finally
        {
            if (server is not null && !server.HasExited)
            {
                server.Kill(entireProcessTree: true);
                server.WaitForExit(5000);
            }

            Run("ip", "netns", "del", ns);
        }
    }

    private static string RuntimeInfo() => $"GC server={System.Runtime.GCSettings.IsServerGC}";

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static void Run(string file, params string[] args) => Run(file, args, null);

    private static void Run(string file, string[] args, string? stdin)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardInput = stdin is not null, UseShellExecute = false };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        if (stdin is not null)
        {
            p.StandardInput.Write(stdin);
            p.StandardInput.Close();
        }

        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({p.ExitCode})");
        }
    }

    private static Process Start(string ns, string self, string dll, string[] args)
    {
        var psi = new ProcessStartInfo("ip") { RedirectStandardOutput = true, UseShellExecute = false };
        string[] command = self.EndsWith("dotnet", StringComparison.Ordinal) ? [self, dll] : [self];
        foreach (var a in (string[])["netns", "exec", ns, .. command, .. args])
        {
            psi.ArgumentList.Add(a);
        }

        return Process.Start(psi)!;
    }

    /// <summary>Server mode: an HTTP/1.0 responder on port 80 of every alias (also answers bare TCP connects).</summary>
    private static async Task<int> ServeAsync(int count)
    {
        var response = "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 3\r\n\r\nok\n"u8.ToArray();
        var listeners = new List<Socket>();
        for (var i = 0; i < count; i++)
        {
            var l = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            l.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            l.Bind(new IPEndPoint(Address(i), 80));
            l.Listen(256);
            listeners.Add(l);
        }

        foreach (var l in listeners)
        {
            _ = Task.Run(async () =>
            {
                while (true)
                {
                    var s = await l.AcceptAsync();
                    _ = Task.Run(async () =>
                    {
                        using (s)
                        {
                            try
                            {
                                var buf = new byte[1024];
                                var n = await s.ReceiveAsync(buf, SocketFlags.None);
                                if (n > 0)
                                {
                                    await s.SendAsync(response, SocketFlags.None);
                                }

                                s.Shutdown(SocketShutdown.Both);
                            }
                            catch (SocketException)
                            {
                            }
                        }
                    });
                }
            });
        }

        Console.WriteLine("ready");
        await Task.Delay(Timeout.Infinite);
        return 0;
    }

    /// <summary>Checker mode: the measured process.</summary>
    private static async Task<int> CheckAsync(string scenario, int count, int seconds)
    {
        var second = TimeSpan.FromSeconds(1);
        var servers = Enumerable.Range(0, count).Select(i => new RealServerSettings
        {
            Address = Address(i),
            Port = 80,
            Checkers =
            [
                scenario == "tcp" || (scenario == "mixed" && i % 2 == 0)
                    ? new TcpCheckSettings()
                    : new HttpGetSettings { Urls = [new HttpUrlSettings { Path = "/health", Digest = "eff5bc1ef8ec9d03e640fc4370f5eacd" }] },
            ],
        });
        var vs = new VirtualServerSettings
        {
            Key = VirtualServiceKey.ForAddress(IPAddress.Parse("203.0.113.1"), 80),
            DelayLoop = second,
            Warmup = second,
            ConnectTimeout = TimeSpan.FromSeconds(2),
            RealServers = [.. servers],
        };
        var sink = new CountingSink();
        await using var scripts = new ScriptRunner(TimeProvider.System);
        await using var host = new CheckerHost([vs], sink, TimeProvider.System, scripts);
        host.Start();
        await Task.Delay(TimeSpan.FromSeconds(10));
        var proc = Process.GetCurrentProcess();
        proc.Refresh();
        var cpu0 = proc.TotalProcessorTime;
        var stats0 = host.Scheduler.Stats;
        var down0 = sink.Down;
        var failed0 = sink.Failures;
        var sw = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(seconds));
        proc.Refresh();
        var cpu = (proc.TotalProcessorTime - cpu0).TotalSeconds;
        var elapsed = sw.Elapsed.TotalSeconds;
        var stats = host.Scheduler.Stats;
        var (rss, hwm) = Memory();
        var probesPerSecond = (stats.ProbesCompleted - stats0.ProbesCompleted) / elapsed;
        var perMinute = cpu * 60 / elapsed;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {scenario} | {host.Scheduler.CheckerCount} | {probesPerSecond:F0} | {sink.Failures - failed0} (servers down: {sink.Down - down0}) | {perMinute:F2} | {perMinute / 60 * 100:F1} | {rss / 1048576.0:F0} | {hwm / 1048576.0:F0} | {GC.GetTotalMemory(false) / 1048576.0:F1} |"));
        return 0;
    }

    private static (long Rss, long Hwm) Memory()
    {
        long rss = 0, hwm = 0;
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = Kb(line);
            }
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                hwm = Kb(line);
            }
        }

        return (rss, hwm);

        static long Kb(string line) => long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }

    private sealed class CountingSink : ICheckerEventSink
    {
        private long _down;
        private long _failures;

        public long Down => Interlocked.Read(ref _down);

        public long Failures => Interlocked.Read(ref _failures);

        public void Publish(CheckerEvent checkerEvent)
        {
            switch (checkerEvent)
            {
                case RealServerStateChanged { Alive: false }:
                    Interlocked.Increment(ref _down);
                    break;
                case CheckerResultObserved { Result.IsSuccess: false }:
                    Interlocked.Increment(ref _failures);
                    break;
            }
        }
    }
}
