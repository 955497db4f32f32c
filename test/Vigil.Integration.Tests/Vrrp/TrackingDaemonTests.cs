using Vigil.Testing;
using Vigil.Testing.Nodes;

namespace Vigil.Integration.Tests.Vrrp;

/// <summary>
/// Tracking and sync groups with the built daemon in namespaces, Vigil with Vigil and mixed with keepalived 2.2.7:
/// a weight -60 script moves the VIP and back, a weight 0 script means FAULT, a sync group follows one link, dual
/// master survives a kill, and the notify FIFO sequence is keepalived's.
/// </summary>
public class TrackingDaemonTests
{
    private const string Vip1 = "203.0.113.100";
    private const string Vip2 = "203.0.113.101";
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(15);

    [NetTheory("keepalived")]
    [InlineData("vigil", "vigil")]
    [InlineData("vigil", "keepalived")]
    [InlineData("keepalived", "vigil")]
    public void ScriptWeightMinus60_MovesTheVipToTheBackup_AndBack(string master, string backup)
    {
        using var lab = new Lab();
        var (h1, h2) = Pair(lab);
        using var n1 = Node(master, lab, h1, "n1");
        using var n2 = Node(backup, lab, h2, "n2");
        var flag = Path.Combine(n1.Directory, "fail");
        var chk = CheckScript(n1, flag);
        n1.Configure(Global() + Script(chk, -60) + Instance("VI_1", 51, 150, Vip1, "track_script {\n chk\n}")).Start();
        n2.Configure(Global() + Instance("VI_1", 51, 100, Vip1)).Start();

        Eventually.True(() => h1.HasAddress(Vip1) && !h2.HasAddress(Vip1), s_wait, "VIP on the 150 master\n" + n1.Log + n2.Log);

        File.WriteAllText(flag, "");
        Assert.True(n1.WaitForLog(@"\(VI_1\) Changing effective priority from 150 to 90", s_wait), n1.Log);
        Eventually.True(() => h2.HasAddress(Vip1) && !h1.HasAddress(Vip1), s_wait, "VIP moved to the 100 backup\n" + n1.Log + n2.Log);
        Assert.Contains("VRRP_Script(chk) failed (exited with status 1)", n1.Log, StringComparison.Ordinal);

        File.Delete(flag);
        Assert.True(n1.WaitForLog(@"\(VI_1\) Changing effective priority from 90 to 150", s_wait), n1.Log);
        Eventually.True(() => h1.HasAddress(Vip1) && !h2.HasAddress(Vip1), s_wait, "VIP back on the recovered master\n" + n1.Log + n2.Log);
    }

    [NetTheory("keepalived")]
    [InlineData(true)]
    [InlineData(false)]
    public void ScriptWeightZero_MasterGoesToFault_AndRecovers_WithKeepalivedsFifoLines(bool vigil)
    {
        using var lab = new Lab();
        var (h1, _) = Pair(lab);
        using var n1 = Node(vigil ? "vigil" : "keepalived", lab, h1, "n1");
        var flag = Path.Combine(n1.Directory, "fail");
        var chk = CheckScript(n1, flag);
        var (fifo, fifoOut) = Fifo(n1);
        n1.Configure(Global(fifo) + Script(chk, 0) + Instance("VI_1", 51, 150, Vip1, "track_script {\n chk\n}\nnotify_priority_changes")).Start();
        Eventually.True(() => h1.HasAddress(Vip1), s_wait, "master\n" + n1.Log);

        File.WriteAllText(flag, "");
        Assert.True(n1.WaitForLog(@"\(VI_1\) Entering FAULT STATE", s_wait), n1.Log);
        Eventually.True(() => !h1.HasAddress(Vip1), s_wait, "VIP removed in FAULT");
        File.Delete(flag);
        Assert.True(n1.WaitForLog(@"\(VI_1\) Entering MASTER STATE", s_wait, 2), n1.Log);

        // keepalived 2.2.7: no "(init)" BACKUP line (the instance waits in INIT for the first result), FAULT then BACKUP.
        Assert.Equal(0, n1.CountLog(@"Entering BACKUP STATE \(init\)"));
        Assert.True(n1.WaitForLog(@"\(VI_1\) Entering BACKUP STATE", s_wait, 2), n1.Log);
        Eventually.True(() => Lines(fifoOut).Count >= 5, s_wait, "FIFO\n" + string.Join('\n', Lines(fifoOut)));
        Assert.Equal(
            ["INSTANCE \"VI_1\" BACKUP 150", "INSTANCE \"VI_1\" MASTER 150", "INSTANCE \"VI_1\" FAULT 150", "INSTANCE \"VI_1\" BACKUP 150", "INSTANCE \"VI_1\" MASTER 150"],
            Lines(fifoOut).Take(5));
    }

    [NetTheory("keepalived")]
    [InlineData("vigil")]
    [InlineData("keepalived")]
    public void SyncGroup_LinkDownOnTheMaster_MovesBothVips(string backupKind)
    {
        using var lab = new Lab();
        var (h1, h2) = Pair(lab);
        var sw2 = lab.Switch("sw2");
        lab.Attach(h1, "eth1", sw2);
        lab.Attach(h2, "eth1", sw2);
        h1.AddAddress("eth1", "198.51.100.1/24");
        h2.AddAddress("eth1", "198.51.100.2/24");
        using var n1 = Node("vigil", lab, h1, "n1");
        using var n2 = Node(backupKind, lab, h2, "n2");
        var (fifo, fifoOut) = Fifo(n1);
        n1.Configure(Global(fifo) + Group() + Instance("VI_1", 51, 150, Vip1) + Instance("VI_2", 52, 150, Vip2, iface: "eth1")).Start();
        n2.Configure(Global() + Group() + Instance("VI_1", 51, 100, Vip1) + Instance("VI_2", 52, 100, Vip2, iface: "eth1")).Start();
        Eventually.True(() => h1.HasAddress(Vip1) && h1.HasAddress(Vip2) && !h2.HasAddress(Vip1) && !h2.HasAddress(Vip2), s_wait, "both VIPs on n1\n" + n1.Log + n2.Log);

        h1.Ip("link", "set", "eth1", "down");
        Eventually.True(() => h2.HasAddress(Vip1) && h2.HasAddress(Vip2) && !h1.HasAddress(Vip1) && !h1.HasAddress(Vip2), s_wait, "both VIPs moved to n2\n" + n1.Log + n2.Log);
        Assert.True(n1.WaitForLog(@"VRRP_Group\(G1\) Syncing instances to FAULT state", s_wait), n1.Log);

        h1.Ip("link", "set", "eth1", "up");
        Eventually.True(() => h1.HasAddress(Vip1) && h1.HasAddress(Vip2) && !h2.HasAddress(Vip1) && !h2.HasAddress(Vip2), s_wait, "both VIPs back on n1\n" + n1.Log + n2.Log);
        Eventually.True(() => StateLines(fifoOut).Count >= 15, s_wait, "FIFO\n" + string.Join('\n', Lines(fifoOut)));

        // The same sequence keepalived 2.2.7 wrote for this scenario (members first, then the group; GROUP BACKUP first at
        // startup). MASTER_RX_LOWER_PRI lines depend on whether the peer's daemon was listening when n1 took over (a
        // slow start makes it time out and advertise 100 once), so they are left out.
        Assert.Equal(
            [
                "GROUP \"G1\" BACKUP 0", "INSTANCE \"VI_1\" BACKUP 150", "INSTANCE \"VI_2\" BACKUP 150",
                "INSTANCE \"VI_2\" MASTER 150", "INSTANCE \"VI_1\" MASTER 150", "GROUP \"G1\" MASTER 0",
                "INSTANCE \"VI_2\" FAULT 150", "INSTANCE \"VI_1\" FAULT 150", "GROUP \"G1\" FAULT 0",
                "INSTANCE \"VI_2\" BACKUP 150", "INSTANCE \"VI_1\" BACKUP 150", "GROUP \"G1\" BACKUP 0",
            ],
            StateLines(fifoOut).Take(12));
        var back = StateLines(fifoOut).Skip(12).Take(3).ToList();
        Assert.Equal("GROUP \"G1\" MASTER 0", back[2]);
        Assert.Equal(["INSTANCE \"VI_1\" MASTER 150", "INSTANCE \"VI_2\" MASTER 150"], back.Take(2).Order(StringComparer.Ordinal));
    }

    [NetTheory("keepalived")]
    [InlineData("vigil")]
    [InlineData("keepalived")]
    public void DualMaster_KillOneNode_TheOtherHoldsBothVips(string otherKind)
    {
        using var lab = new Lab();
        var (h1, h2) = Pair(lab);
        using var n1 = Node("vigil", lab, h1, "n1");
        using var n2 = Node(otherKind, lab, h2, "n2");
        n1.Configure(Global() + Instance("VI_1", 51, 150, Vip1) + Instance("VI_2", 52, 100, Vip2)).Start();
        n2.Configure(Global() + Instance("VI_1", 51, 100, Vip1) + Instance("VI_2", 52, 150, Vip2)).Start();
        Eventually.True(() => h1.HasAddress(Vip1) && h2.HasAddress(Vip2) && !h1.HasAddress(Vip2) && !h2.HasAddress(Vip1), s_wait, "each node master of one\n" + n1.Log + n2.Log);

        n2.Kill();
        Eventually.True(() => h1.HasAddress(Vip1) && h1.HasAddress(Vip2), s_wait, "n1 holds both VIPs\n" + n1.Log);
        Assert.Equal(2, n1.CountLog(@"Entering MASTER STATE"));
    }

    [NetFact]
    public void TrackProcess_WeightZero_FaultWhileTheProcessIsMissing()
    {
        using var lab = new Lab();
        var (h1, _) = Pair(lab);
        using var n1 = Node("vigil", lab, h1, "n1");
        var binary = Path.Combine(n1.Directory, "vigiltp");
        File.Copy("/bin/sleep", binary);
        n1.Configure(Global() + """
            vrrp_track_process tp {
                process vigiltp
                weight 0
            }

            """ + Instance("VI_1", 51, 150, Vip1, "track_process {\n tp\n}")).Start();

        // Not running at startup: FAULT; started: BACKUP then MASTER; killed: FAULT again.
        Assert.True(n1.WaitForLog(@"\(VI_1\) entering FAULT state", s_wait), n1.Log);
        using var process = lab.Start(h1, binary, ["600"]);
        Assert.True(n1.WaitForLog(@"\(VI_1\) Entering MASTER STATE", s_wait), n1.Log);
        Eventually.True(() => h1.HasAddress(Vip1), s_wait, "VIP with the process running");
        process.Kill();
        Assert.True(n1.WaitForLog(@"\(VI_1\) Entering FAULT STATE", s_wait), n1.Log);
        Eventually.True(() => !h1.HasAddress(Vip1), s_wait, "VIP removed when the process is gone");
    }

    private static (NetNs H1, NetNs H2) Pair(Lab lab)
    {
        var sw = lab.Switch();
        var h1 = lab.Host("n1");
        var h2 = lab.Host("n2");
        lab.Attach(h1, "eth0", sw);
        lab.Attach(h2, "eth0", sw);
        h1.AddAddress("eth0", "192.0.2.1/24");
        h2.AddAddress("eth0", "192.0.2.2/24");
        return (h1, h2);
    }

    private static DaemonNode Node(string kind, Lab lab, NetNs ns, string name) =>
        kind == "vigil" ? new VigilNode(lab, ns, name) : new KeepalivedNode(lab, ns, name);

    private static string CheckScript(DaemonNode node, string flag)
    {
        var path = Path.Combine(node.Directory, "chk.sh");
        File.WriteAllText(path, $"#!/bin/sh\n[ ! -e {flag} ]\n");
        Cmd.Run("chmod", "755", path);
        return path;
    }

    private static (string Fifo, string Out) Fifo(DaemonNode node)
    {
        var reader = Path.Combine(node.Directory, "reader.sh");
        var output = Path.Combine(node.Directory, "fifo.out");
        File.WriteAllText(reader, $"#!/bin/sh\nwhile read -r line; do echo \"$line\" >> {output}; done < \"$1\"\n");
        Cmd.Run("chmod", "755", reader);
        return ($"vrrp_notify_fifo {Path.Combine(node.Directory, "vrrp.fifo")}\nvrrp_notify_fifo_script {reader}", output);
    }

    private static string Global(string extra = "") => $$"""
        global_defs {
            script_user root
        {{extra}}
        }

        """;

    private static string Script(string path, int weight) => $$"""
        vrrp_script chk {
            script "{{path}}"
            interval 1
            weight {{weight}}
        }

        """;

    private static string Group() => """
        vrrp_sync_group G1 {
            group {
                VI_1
                VI_2
            }
        }

        """;

    private static string Instance(string name, int vrid, int priority, string vip, string extra = "", string iface = "eth0") => $$"""
        vrrp_instance {{name}} {
            state BACKUP
            interface {{iface}}
            virtual_router_id {{vrid}}
            priority {{priority}}
            advert_int 1
        {{extra}}
            virtual_ipaddress {
                {{vip}}/32
            }
        }

        """;

    private static List<string> StateLines(string path) => [.. Lines(path).Where(l => !l.Contains("MASTER_RX_LOWER_PRI", StringComparison.Ordinal))];

    private static List<string> Lines(string path) =>
        File.Exists(path) ? [.. File.ReadAllLines(path).Select(l => l.TrimEnd()).Where(l => l.Length > 0)] : [];
}
