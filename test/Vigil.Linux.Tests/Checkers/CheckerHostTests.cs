using System.Collections.Concurrent;
using System.Net;
using Vigil.Checkers;
using Vigil.Linux.Scripts;
using Vigil.Testing;

namespace Vigil.Linux.Checkers.Tests;

public sealed class CheckerHostTests(ProbeLab lab) : IClassFixture<ProbeLab>
{
    private static readonly VirtualServiceKey Key = VirtualServiceKey.ForAddress(IPAddress.Parse("203.0.113.1"), 80);

    /// <summary>Opens each probe's socket inside the client namespace (the scheduler's threads are in the test's own).</summary>
    private sealed class InNamespace(NetNs ns, IHealthProbeFactory inner) : IHealthProbeFactory
    {
        public IHealthProbe Create(VirtualServerSettings service, RealServerSettings server, CheckerSettings checker) =>
            new Probe(ns, inner.Create(service, server, checker));

        private sealed class Probe(NetNs ns, IHealthProbe inner) : IHealthProbe
        {
            public ValueTask<ProbeResult> ProbeAsync(ProbeContext context, CancellationToken cancellationToken) =>
                new(ns.Run(() => inner.ProbeAsync(context, cancellationToken).AsTask()));
        }
    }

    private sealed class Sink : ICheckerEventSink
    {
        public ConcurrentQueue<CheckerEvent> Events { get; } = new();

        public void Publish(CheckerEvent checkerEvent) => Events.Enqueue(checkerEvent);

        public DesiredService? Last => Events.OfType<DesiredServiceChanged>().LastOrDefault()?.Service;
    }

    [NetFact]
    public async Task Host_ServersFailAndRecover_DesiredStateScriptsAndFifoFollow()
    {
        var dir = Path.Combine(Path.GetTempPath(), "vigil-host-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        try
        {
            var http = lab.Serve(() => TcpTestServer.Http(ProbeLab.ServerV4, TcpTestServer.Response(200, "ok")));
            var miscRc = Path.Combine(dir, "rc");
            var weightFile = Path.Combine(dir, "weight");
            File.WriteAllText(miscRc, "0");
            File.WriteAllText(weightFile, "0");
            var fast = TimeSpan.FromMilliseconds(200);
            var vs = new VirtualServerSettings
            {
                Key = Key,
                Quorum = 2,
                DelayLoop = fast,
                Warmup = TimeSpan.Zero,
                ConnectTimeout = TimeSpan.FromMilliseconds(500),
                Retry = 0,
                QuorumDown = new NotifyScript($"/bin/sh -c 'echo lost >> {dir}/quorum'"),
                QuorumUp = new NotifyScript($"/bin/sh -c 'echo gained >> {dir}/quorum'"),
                RealServers =
                [
                    new RealServerSettings
                    {
                        Address = ProbeLab.ServerV4,
                        Port = http.Port,
                        NotifyDown = new NotifyScript($"/bin/sh -c 'echo down >> {dir}/rs1'"),
                        NotifyUp = new NotifyScript($"/bin/sh -c 'echo up >> {dir}/rs1'"),
                        Checkers = [new HttpGetSettings { Urls = [new HttpUrlSettings { Path = "/" }], FastRecovery = true }],
                    },
                    new RealServerSettings
                    {
                        Address = ProbeLab.ServerV4,
                        Port = 1,
                        Weight = 2,
                        Checkers =
                        [
                            new MiscCheckSettings { Path = $"/bin/sh -c 'exit $(cat {miscRc})'", Dynamic = true },
                            new FileCheckSettings { TrackFile = "w", Path = weightFile, Weight = 1 },
                        ],
                    },
                ],
            };
            await using var scripts = new ScriptRunner(TimeProvider.System);
            var sink = new Sink();
            await using var host = new CheckerHost([vs], sink, TimeProvider.System, scripts,
                probes: new InNamespace(lab.Client, new LinuxProbeFactory(TimeProvider.System, scripts)));
            host.Start();
            Assert.Equal([(http.Port, 1), (1, 2)], sink.Last!.Destinations.Select(d => (d.Port, d.Weight)));

            File.WriteAllText(weightFile, "3");
            Eventually.True(() => sink.Last!.Destinations.Any(d => d.Port == 1 && d.Weight == 5), TimeSpan.FromSeconds(10), "FILE_CHECK weight");
            File.WriteAllText(miscRc, "12");
            Eventually.True(() => sink.Last!.Destinations.Any(d => d.Port == 1 && d.Weight == 13), TimeSpan.FromSeconds(10), "misc_dynamic weight");

            http.Dispose();
            Eventually.True(() => sink.Last!.Destinations.All(d => d.Port != http.Port), TimeSpan.FromSeconds(10), "HTTP server removed");
            Eventually.True(() => File.Exists(Path.Combine(dir, "rs1")), TimeSpan.FromSeconds(10), "notify_down ran");
            Assert.Contains(sink.Events.OfType<NotifyFifoLine>(), l => l.Text == $"RS [192.0.2.2]:tcp:{http.Port} [203.0.113.1]:tcp:80 DOWN\n");

            File.WriteAllText(miscRc, "1");
            Eventually.True(() => sink.Last!.Destinations.IsEmpty, TimeSpan.FromSeconds(10), "both down");
            Eventually.True(() => File.Exists(Path.Combine(dir, "quorum")) && File.ReadAllText(Path.Combine(dir, "quorum")).Contains("lost", StringComparison.Ordinal), TimeSpan.FromSeconds(10), "quorum_down ran");

            File.WriteAllText(miscRc, "0");
            Eventually.True(() => host.Scheduler.HasQuorum(Key), TimeSpan.FromSeconds(10), "quorum back with weight 2 + 3");
            Eventually.True(() => File.ReadAllText(Path.Combine(dir, "quorum")) == "gained\nlost\ngained\n", TimeSpan.FromSeconds(10), "quorum_up ran again");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
