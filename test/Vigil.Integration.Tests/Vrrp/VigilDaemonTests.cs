using System.Globalization;
using Vigil.Testing;
using Vigil.Testing.Nodes;

namespace Vigil.Integration.Tests.Vrrp;

/// <summary>
/// One daemon on a bridge (VRRPv3, 0.1 s adverts, so it is MASTER within half a second): notify scripts and FIFO
/// lines compared with keepalived's, FAULT on interface down and recovery, a VIP deleted by hand is put back, -V keeps
/// VIPs, the pid file makes a second daemon say "daemon is already running", unsupported signals are harmless, and an
/// interface that appears after start is picked up.
/// </summary>
public class VigilDaemonTests
{
    private const string EnteringMaster = @"\(VI_1\) Entering MASTER STATE";
    private const string Vip = "203.0.113.100";

    private static string Config(string extraGlobal = "", string extraInstance = "", string iface = "eth0") => $$"""
        global_defs {
        {{extraGlobal}}
        }
        vrrp_instance VI_1 {
            state BACKUP
            interface {{iface}}
            virtual_router_id 51
            priority 150
            version 3
            advert_int 0.1
        {{extraInstance}}
            virtual_ipaddress {
                203.0.113.100/32
            }
        }

        """;

    private static (Lab Lab, NetNs Host, NetNs Switch) Single()
    {
        var lab = new Lab();
        var sw = lab.Switch();
        var h = lab.Host("n1");
        lab.Attach(h, "eth0", sw);
        h.AddAddress("eth0", "192.0.2.1/24");
        return (lab, h, sw);
    }

    [NetTheory("keepalived")]
    [InlineData(false)]
    [InlineData(true)]
    public void NotifyScriptsAndFifo_RunWithKeepalivedArguments(bool vigil)
    {
        var (lab, h, _) = Single();
        using var _lab = lab;
        using DaemonNode node = vigil ? new VigilNode(lab, h, "d") : new KeepalivedNode(lab, h, "d");
        var record = Path.Combine(node.Directory, "notify.out");
        var fifoOut = Path.Combine(node.Directory, "fifo.out");
        var script = Path.Combine(node.Directory, "notify.sh");
        var reader = Path.Combine(node.Directory, "reader.sh");
        File.WriteAllText(script, $"#!/bin/sh\necho \"$(basename $0) $*\" >> {record}\n");
        File.WriteAllText(reader, $"#!/bin/sh\nwhile read -r line; do echo \"$line\" >> {fifoOut}; done < \"$1\"\n");
        Cmd.Run("chmod", "755", script, reader);
        var fifo = Path.Combine(node.Directory, "vrrp.fifo");
        node.Configure(Config(
            extraGlobal: $"script_user root\nvrrp_notify_fifo {fifo}\nvrrp_notify_fifo_script {reader}",
            extraInstance: $"notify_master \"{script} M1 M2\"\nnotify_backup {script}\nnotify_stop \"{script} S\"\nnotify {script}"));
        node.Start();
        Assert.True(node.WaitForLog(EnteringMaster, TimeSpan.FromSeconds(10)), node.Log);
        Eventually.True(() => Lines(record).Count >= 4, TimeSpan.FromSeconds(5), "notify scripts ran\n" + node.Log);
        node.Stop();
        Eventually.True(() => Lines(record).Count >= 6, TimeSpan.FromSeconds(5), "stop notifications ran\n" + node.Log);
        Eventually.True(() => Lines(fifoOut).Count >= 2, TimeSpan.FromSeconds(5), "FIFO lines\n" + node.Log);

        // Observed with keepalived 2.2.7 (the same test with vigil=false): the specific script with its own arguments,
        // the generic one with INSTANCE name STATE priority; FIFO lines in event order.
        string[] expectedScripts =
        [
            "notify.sh", "notify.sh INSTANCE VI_1 BACKUP 150",
            "notify.sh M1 M2", "notify.sh INSTANCE VI_1 MASTER 150",
            "notify.sh S", "notify.sh INSTANCE VI_1 STOP 150",
        ];
        Assert.Equal(expectedScripts.Order(StringComparer.Ordinal), Lines(record).Order(StringComparer.Ordinal));
        // keepalived's reader is stopped at exit before it sees the STOP line (observed), so only the first two are compared.
        Assert.Equal(["INSTANCE \"VI_1\" BACKUP 150", "INSTANCE \"VI_1\" MASTER 150"], Lines(fifoOut).Take(2));
    }

    [NetFact]
    public void InterfaceDown_IsFault_AndRecovers()
    {
        var (lab, h, _) = Single();
        using var _lab = lab;
        using var node = new VigilNode(lab, h, "d");
        node.Configure(Config()).Start();
        Assert.True(node.WaitForLog(EnteringMaster, TimeSpan.FromSeconds(10)), node.Log);
        Eventually.True(() => h.HasAddress(Vip), TimeSpan.FromSeconds(3), "VIP set");

        h.Ip("link", "set", "eth0", "down");
        Assert.True(node.WaitForLog(@"\(VI_1\) Entering FAULT STATE", TimeSpan.FromSeconds(5)), node.Log);
        Eventually.True(() => !h.HasAddress(Vip), TimeSpan.FromSeconds(3), "VIP removed in FAULT");

        h.Ip("link", "set", "eth0", "up");
        Assert.True(node.WaitForLog(EnteringMaster, TimeSpan.FromSeconds(10), 2), node.Log);
        Eventually.True(() => h.HasAddress(Vip), TimeSpan.FromSeconds(3), "VIP back after recovery\n" + node.Log);
        Assert.True(node.IsRunning);
    }

    [NetFact]
    public void VipDeletedByHand_IsRestored()
    {
        var (lab, h, _) = Single();
        using var _lab = lab;
        using var node = new VigilNode(lab, h, "d");
        node.Configure(Config()).Start();
        Assert.True(node.WaitForLog(EnteringMaster, TimeSpan.FromSeconds(10)), node.Log);
        Eventually.True(() => h.HasAddress(Vip), TimeSpan.FromSeconds(3), "VIP set");

        h.Ip("addr", "del", Vip + "/32", "dev", "eth0");
        Assert.True(node.WaitForLog("203.0.113.100 on eth0 was deleted; restoring it", TimeSpan.FromSeconds(5)), node.Log);
        Eventually.True(() => h.HasAddress(Vip), TimeSpan.FromSeconds(3), "VIP restored\n" + node.Log);
    }

    [NetTheory]
    [InlineData(false)]
    [InlineData(true)]
    public void Stop_ReleasesVips_UnlessDontReleaseVrrp(bool dontRelease)
    {
        var (lab, h, _) = Single();
        using var _lab = lab;
        using var node = new VigilNode(lab, h, "d");
        node.Configure(Config()).Start(dontRelease ? ["-V"] : []);
        Assert.True(node.WaitForLog(EnteringMaster, TimeSpan.FromSeconds(10)), node.Log);
        Eventually.True(() => h.HasAddress(Vip), TimeSpan.FromSeconds(3), "VIP set");
        node.Stop();
        Assert.False(node.IsRunning);
        Assert.Contains("(VI_1) sent 0 priority", node.Log, StringComparison.Ordinal);
        Assert.Equal(dontRelease, h.HasAddress(Vip));
        Assert.False(File.Exists(Path.Combine(node.Directory, "keepalived.pid")), "pid file removed at exit");
    }

    [NetFact]
    public void SecondDaemon_WithSamePidFile_SaysAlreadyRunning_AndSignalsAreHarmless()
    {
        var (lab, h, _) = Single();
        using var _lab = lab;
        using var node = new VigilNode(lab, h, "d");
        node.Configure(Config()).Start();
        Assert.True(node.WaitForLog(EnteringMaster, TimeSpan.FromSeconds(10)), node.Log);
        var pidFile = Path.Combine(node.Directory, "keepalived.pid");
        var pid = global::Vigil.Linux.Host.PidFile.ReadPid(pidFile)?.ToString(CultureInfo.InvariantCulture);
        Assert.NotNull(pid);

        var (file, prefix) = VigilNode.Executable;
        var second = Cmd.Run(file, [.. prefix, "-n", "-l", "-G", "-f", node.ConfigPath, "-p", pidFile, "-r", Path.Combine(node.Directory, "vrrp.pid")], TimeSpan.FromSeconds(30));
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("daemon is already running", second.StdOut, StringComparison.Ordinal);

        foreach (var signal in new[] { "HUP", "USR1", "USR2" })
        {
            Cmd.Run("kill", "-" + signal, pid);
        }

        Assert.True(node.WaitForLog("not supported yet", TimeSpan.FromSeconds(5), 3), node.Log);
        Assert.True(node.IsRunning);
        Assert.True(h.HasAddress(Vip), "signals did not drop the VIP");
        Assert.Equal(1, node.CountLog(EnteringMaster));
    }

    [NetFact]
    public void InterfaceThatAppearsLater_IsPickedUp()
    {
        var (lab, h, sw) = Single();
        using var _lab = lab;
        using var node = new VigilNode(lab, h, "d");

        // The configuration check warns about the missing interface (like keepalived) but the daemon runs.
        node.Configure(Config(iface: "eth1")).Start();
        Assert.True(node.WaitForLog(@"VRRP socket on eth1 unavailable", TimeSpan.FromSeconds(10)), node.Log);
        Assert.Equal(0, node.CountLog(EnteringMaster));

        lab.Attach(h, "eth1", sw);
        h.AddAddress("eth1", "198.51.100.1/24");
        Assert.True(node.WaitForLog(EnteringMaster, TimeSpan.FromSeconds(10)), node.Log);
        Eventually.True(() => h.HasAddress(Vip), TimeSpan.FromSeconds(3), "VIP set on the late interface\n" + node.Log);
    }

    private static List<string> Lines(string path) =>
        File.Exists(path) ? [.. File.ReadAllLines(path).Select(l => l.TrimEnd()).Where(l => l.Length > 0)] : [];
}
