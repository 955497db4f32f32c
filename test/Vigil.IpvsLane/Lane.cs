using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Vigil.Lb;
using Vigil.Linux.Ipvs;

namespace Vigil.IpvsLane;

/// <summary>The lane's checks: each programs IPVS, then compares the kernel with what was asked.</summary>
internal sealed class Lane(IpvsClient client)
{
    private static IPAddress A(string s) => IPAddress.Parse(s);

    private static VirtualServiceKey Tcp(string address, ushort port) => VirtualServiceKey.ForAddress(LbProtocol.Tcp, A(address), port);

    private static RealServer Rs(string address, ushort port, int weight = 1) => new(A(address), port, weight);

    public void EveryScheduler()
    {
        // twos arrived in Linux 6.2: on an older lane kernel it must fail cleanly (ENOENT), not be faked.
        var kernelDir = Directory.GetDirectories("/lib/modules").Single();
        var available = LvsScheduler.All.Where(n => Directory.EnumerateFiles(kernelDir, $"ip_vs_{n}.ko*", SearchOption.AllDirectories).Any()).ToList();
        var missing = LvsScheduler.All.Except(available).ToList();
        Console.WriteLine($"  schedulers in {Path.GetFileName(kernelDir)}: {string.Join(' ', available)}; missing: {string.Join(' ', missing)}");
        var services = available.Select((name, i) =>
            new VirtualService(Tcp("192.0.2.1", (ushort)(1000 + i)), [Rs("203.0.113.11", 80, 2), Rs("203.0.113.12", 80, 1)]) with { Scheduler = name });
        ApplyAndCompare(new LbState(services.ToList()));
        foreach (var name in missing)
        {
            var result = client.Apply([new LbOperation.AddService(new VirtualService(Tcp("192.0.2.1", 2000)) with { Scheduler = name })]);
            Expect.True(!result.Succeeded && result.Failed[0].Message.Contains("ENOENT", StringComparison.Ordinal), $"scheduler {name} without its module is ENOENT");
        }

        Expect.True(available.Count >= 13, "at least the 13 schedulers of Linux 6.1");
    }

    public void ForwardingMethods()
    {
        var web = Tcp("192.0.2.1", 80);
        ApplyAndCompare(new LbState(
        [
            new VirtualService(web,
            [
                Rs("203.0.113.11", 8080, 3) with { UpperThreshold = 100, LowerThreshold = 10 },
                Rs("203.0.113.12", 80, 0) with { Method = LvsMethod.Dr },
                Rs("203.0.113.13", 80, 2) with { Method = LvsMethod.Tun },
                Rs("203.0.113.14", 80, 1) with { Method = LvsMethod.Tun, TunnelType = TunnelType.Gue, TunnelPort = 6080, TunnelChecksum = TunnelChecksum.Csum },
                Rs("203.0.113.15", 80, 1) with { Method = LvsMethod.Tun, TunnelType = TunnelType.Gue, TunnelPort = 6081, TunnelChecksum = TunnelChecksum.RemCsum },
                Rs("203.0.113.16", 80, 65535) with { Method = LvsMethod.Tun, TunnelType = TunnelType.Gre, TunnelChecksum = TunnelChecksum.Csum },
            ]) with { Scheduler = "wrr" },
        ]));
    }

    public void PersistenceAndFlags()
    {
        ApplyAndCompare(new LbState(
        [
            new VirtualService(Tcp("192.0.2.1", 443), [Rs("203.0.113.11", 443)]) with { Scheduler = "sh", SchedulerFlags = SchedulerFlagNames.Port | SchedulerFlagNames.Fallback, PersistenceTimeout = 300, PersistenceGranularity = 24 },
            new VirtualService(Tcp("192.0.2.1", 444)) with { PersistenceTimeout = VirtualService.DefaultPersistenceTimeout },
            new VirtualService(Tcp("192.0.2.1", 445)) with { Scheduler = "mh", SchedulerFlags = SchedulerFlagNames.Fallback },
            new VirtualService(Tcp("192.0.2.1", 446)) with { Scheduler = "rr", SchedulerFlags = SchedulerFlags.Flag1 | SchedulerFlags.Flag3 },
            new VirtualService(VirtualServiceKey.ForAddress(LbProtocol.Udp, A("192.0.2.1"), 5060), [Rs("203.0.113.11", 5060)]) with { Scheduler = "rr", PersistenceTimeout = 20, PersistenceEngine = "sip" },
            new VirtualService(VirtualServiceKey.ForAddress(LbProtocol.Udp, A("192.0.2.1"), 53), [Rs("203.0.113.11", 53)]) with { OnePacket = true },
            new VirtualService(VirtualServiceKey.ForAddress(LbProtocol.Sctp, A("192.0.2.2"), 9)) with { Scheduler = "nq" },
        ]));
    }

    public void FwMarkAndGroups()
    {
        var problems = new List<LbProblem>();
        Expect.True(VirtualServerGroupEntry.TryParseRange("192.0.2.10-12", 80, out var range, out _), "range parses");
        Expect.True(VirtualServerGroupEntry.TryParseRange("192.0.2.16/30", 0, out var cidr, out _), "cidr parses");
        var template = new VirtualService(VirtualServiceKey.ForFwMark(99), [Rs("203.0.113.11", 0, 2), Rs("203.0.113.12", 0)]) with { Scheduler = "rr" };
        var group = VirtualServerGroup.Expand(
            [range!, cidr!, new VirtualServerGroupEntry.FwMark(5, null), new VirtualServerGroupEntry.FwMark(6, AddressFamily.InterNetworkV6)],
            template, LbProtocol.Tcp, 8080, AddressFamily.InterNetwork, problems);
        Expect.Equal(0, problems.Count, "expansion problems");
        Expect.Equal(3 + 4 + 2, group.Count, "services in the group");
        var v6Mark = group.Single(s => s.Key.FwMark == 6);
        var services = group.Where(s => s.Key.FwMark != 6).ToList();
        services.Add(v6Mark with { Destinations = [Rs("2001:db8::11", 0)] });
        ApplyAndCompare(new LbState(services));
    }

    public void Ipv6AndMixedFamily()
    {
        ApplyAndCompare(new LbState(
        [
            new VirtualService(Tcp("2001:db8::1", 80), [Rs("2001:db8::11", 80, 5), Rs("2001:db8::12", 8080)]) with { Scheduler = "lc", PersistenceTimeout = 60, PersistenceGranularity = 64 },
            new VirtualService(Tcp("192.0.2.1", 80), [Rs("2001:db8::13", 80) with { Method = LvsMethod.Tun }, Rs("203.0.113.11", 80) with { Method = LvsMethod.Tun }]),
        ]));
    }

    public void Edits()
    {
        var web = Tcp("192.0.2.1", 80);
        var dns = VirtualServiceKey.ForAddress(LbProtocol.Udp, A("192.0.2.1"), 53);
        var before = new LbState(
        [
            new VirtualService(web, [Rs("203.0.113.11", 80), Rs("203.0.113.12", 80), Rs("203.0.113.13", 80)]) with { Scheduler = "rr", PersistenceTimeout = 360 },
            new VirtualService(dns, [Rs("203.0.113.21", 53), Rs("203.0.113.22", 53)]),
        ]);
        var after = new LbState(
        [
            new VirtualService(web, [Rs("203.0.113.11", 80, 5), Rs("203.0.113.13", 80) with { Method = LvsMethod.Dr }, Rs("203.0.113.14", 80)]) with { Scheduler = "wrr" },
            new VirtualService(dns, [Rs("203.0.113.21", 53), Rs("203.0.113.22", 53)]),
        ]);
        using var backend = new IpvsBackend(Reopen());
        client.Flush();
        Expect.True(backend.Apply(before).Succeeded, "first apply");
        var result = backend.Apply(after);
        Expect.True(result.Succeeded, "second apply: " + string.Join("; ", result.Failed));
        Expect.Equal(
            "edit service TCP  192.0.2.1:80 wrr | delete destination 203.0.113.12:80 from TCP  192.0.2.1:80 | " +
            "edit destination 203.0.113.11:80 Nat weight 5 of TCP  192.0.2.1:80 | edit destination 203.0.113.13:80 Dr weight 1 of TCP  192.0.2.1:80 | " +
            "add destination 203.0.113.14:80 Nat weight 1 to TCP  192.0.2.1:80",
            string.Join(" | ", result.Applied), "operations for the change");
        CompareWithKernel(after);
        var again = backend.Apply(after);
        Expect.Equal(0, again.Applied.Count + again.Failed.Count, "operations when nothing changed");
    }

    public void Deletes()
    {
        client.Flush();
        Ipvsadm("-A", "-t", "192.0.2.99:80", "-s", "rr");
        var web = Tcp("192.0.2.1", 80);
        var ssh = Tcp("192.0.2.1", 22);
        using var backend = new IpvsBackend(Reopen());
        var both = new LbState([new VirtualService(web, [Rs("203.0.113.11", 80), Rs("203.0.113.12", 80)]), new VirtualService(ssh, [Rs("203.0.113.11", 22)])]);
        Expect.True(backend.Apply(both).Succeeded, "apply");
        var result = backend.Apply(new LbState([new VirtualService(web, [Rs("203.0.113.12", 80)])]));
        Expect.Equal("delete service TCP  192.0.2.1:22 | delete destination 203.0.113.11:80 from TCP  192.0.2.1:80", string.Join(" | ", result.Applied), "operations");
        var kernel = client.GetServices().Canonical();
        Expect.Equal(2, kernel.Services.Count, "services left (ours and the foreign one)");
        Expect.True(kernel.Find(Tcp("192.0.2.99", 80)) is not null, "foreign service kept");
        backend.Clear();
        Expect.Equal("TCP  192.0.2.99:80", string.Join(",", client.GetServices().Services.Select(s => s.Key)), "after Clear only the foreign service");
    }

    public void Refusals()
    {
        client.Flush();
        var web = Tcp("192.0.2.1", 80);
        var result = client.Apply(
        [
            new LbOperation.AddService(new VirtualService(web) with { Scheduler = "nope" }),
            new LbOperation.AddDestination(web, Rs("203.0.113.11", 80)),
            new LbOperation.AddService(new VirtualService(Tcp("192.0.2.1", 81))),
            new LbOperation.AddDestination(Tcp("192.0.2.1", 81), Rs("203.0.113.11", 80) with { UpperThreshold = 5, LowerThreshold = 10 }),
            new LbOperation.DeleteService(Tcp("192.0.2.1", 82)),
        ]);
        Expect.Equal(1, result.Applied.Count, "applied");
        Expect.Equal(4, result.Failed.Count, "failed");
        Console.WriteLine("  kernel answers: " + string.Join(" / ", result.Failed.Select(f => f.Message)));
        Expect.True(result.Failed[1].Message.StartsWith("skipped", StringComparison.Ordinal), "destination of a failed service is skipped");
        Expect.True(result.Failed[2].Message.Contains("ERANGE", StringComparison.Ordinal), "lthreshold above uthreshold is ERANGE");
        Expect.True(result.Failed[3].Message.Contains("ESRCH", StringComparison.Ordinal), "deleting a missing service is ESRCH");
        var ops = client.Apply([new LbOperation.AddService(new VirtualService(Tcp("192.0.2.1", 83)) with { OnePacket = true })]);
        Console.WriteLine($"  ops on TCP: {(ops.Succeeded ? "accepted by the kernel" : ops.Failed[0].Message)}");
    }

    public void Timeouts()
    {
        client.SetTimeouts(new LvsTimeouts(900, 120, 300));
        Expect.Equal(new LvsTimeouts(900, 120, 300), client.GetTimeouts(), "timeouts read back");
        client.SetTimeouts(new LvsTimeouts(null, null, 200));
        var t = client.GetTimeouts();
        Expect.Equal(new LvsTimeouts(900, 120, 200), t, "only udp changed");
        Expect.SameText(LbStatusFormatter.FormatTimeouts(t) + "\n", Ipvsadm("-Ln", "--timeout"), "ipvsadm --timeout");
    }

    public void SyncDaemons()
    {
        Run("/usr/bin/ip", "link", "add", "dummy0", "type", "dummy");
        Run("/usr/bin/ip", "link", "set", "dummy0", "up");
        client.StartSyncDaemon(new SyncDaemon(SyncDaemonState.Master, "dummy0", 5, Port: 8850, Ttl: 2));
        client.StartSyncDaemon(new SyncDaemon(SyncDaemonState.Backup, "dummy0", 5, MaxLength: 1400, Group: A("224.0.0.82")));
        var daemons = client.GetSyncDaemons();
        Expect.Equal(2, daemons.Count, "daemons running");
        var master = daemons.Single(d => d.State == SyncDaemonState.Master);
        Expect.Equal(("dummy0", 5u, (ushort?)8850, (byte?)2), (master.Interface, master.SyncId, master.Port, master.Ttl), "master settings");
        var backup = daemons.Single(d => d.State == SyncDaemonState.Backup);
        Expect.Equal(((ushort?)1400, (IPAddress?)A("224.0.0.82")), (backup.MaxLength, backup.Group), "backup settings");
        Expect.SameText(string.Join("\n", daemons.OrderBy(d => d.State).Select(LbStatusFormatter.FormatSyncDaemon)) + "\n", Ipvsadm("-Ln", "--daemon"), "ipvsadm --daemon");
        client.StopSyncDaemon(SyncDaemonState.Master);
        client.StopSyncDaemon(SyncDaemonState.Backup);
        Expect.Equal(0, client.GetSyncDaemons().Count, "daemons after stop");
    }

    public void Snapshot()
    {
        client.Flush();
        using var backend = new IpvsBackend(Reopen());
        var state = new LbState([new VirtualService(Tcp("192.0.2.1", 80), [Rs("203.0.113.11", 80, 3), Rs("203.0.113.2", 8080)]) with { Scheduler = "rr" }]);
        Expect.True(backend.Apply(state).Succeeded, "apply");
        Expect.SameText(LbStatusFormatter.Format(backend.Snapshot()), Ipvsadm("-Ln"), "snapshot vs ipvsadm");
    }

    public void AutoDetect()
    {
        using var backend = LbBackends.Create(LbBackendKind.Auto, out var why, out _);
        Expect.True(backend is IpvsBackend, $"auto chose {backend?.Name ?? "nothing"} ({why})");
    }

    public void Flush()
    {
        client.Apply([new LbOperation.AddService(new VirtualService(Tcp("192.0.2.1", 80)))]);
        client.Flush();
        Expect.Equal(0, client.GetServices().Services.Count, "services after flush");
        Expect.Equal(0L, client.MalformedReplies, "malformed replies seen during the lane");
    }

    /// <summary>Flush, apply through the backend, then check the kernel two ways.</summary>
    private void ApplyAndCompare(LbState desired)
    {
        var problems = LbValidation.Validate(desired).Where(p => p.Severity == LbProblemSeverity.Error).ToList();
        Expect.Equal(0, problems.Count, "validation errors: " + string.Join("; ", problems));
        client.Flush();
        using var backend = new IpvsBackend(Reopen());
        var result = backend.Apply(desired);
        Expect.True(result.Succeeded, "apply failed: " + string.Join("; ", result.Failed));
        CompareWithKernel(desired);
        var again = backend.Apply(desired);
        Expect.Equal(0, again.Applied.Count, "operations on a second apply");
    }

    private void CompareWithKernel(LbState desired)
    {
        var kernel = client.GetServices();
        Expect.Equal(desired.Canonical().ToString(), kernel.Canonical().ToString(), "dump vs desired");
        var info = client.GetInfo();
        var expected = LbStatusFormatter.Format(new LbSnapshot("ipvs", $"IP Virtual Server version {info.VersionText} (size={info.ConnectionTableSize})", desired,
            new Dictionary<(VirtualServiceKey, DestinationKey), DestinationCounters>()));
        Expect.SameText(expected, Ipvsadm("-Ln"), "ipvsadm -Ln");
    }

    /// <summary>A second client: backends own theirs and dispose it.</summary>
    private static IpvsClient Reopen() => IpvsClient.TryOpen(out var why) ?? throw new LaneCheckException($"reopen: {why}");

    private static string Ipvsadm(params string[] args) => Run("/usr/sbin/ipvsadm", args);

    private static string Run(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi) ?? throw new LaneCheckException($"cannot start {file}");
        var stdout = p.StandardOutput.ReadToEnd();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new LaneCheckException($"{file} {string.Join(' ', args)} exited {p.ExitCode}: {stderr}");
        }

        return stdout;
    }
}
