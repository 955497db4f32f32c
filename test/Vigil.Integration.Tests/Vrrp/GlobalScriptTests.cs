using System.Text.RegularExpressions;
using Vigil.Testing;
using Vigil.Testing.Nodes;

namespace Vigil.Integration.Tests.Vrrp;

/// <summary>
/// global_defs <c>startup_script</c> / <c>shutdown_script</c>: the startup script runs (and is waited for, up to its
/// timeout) before the VRRP instances start, the shutdown script after they have stopped; the result lines are
/// keepalived 2.2.7's (the same test runs keepalived as the reference).
/// </summary>
public class GlobalScriptTests
{
    [NetTheory("keepalived")]
    [InlineData(false)]
    [InlineData(true)]
    public void StartupAndShutdownScripts_RunAroundTheInstances(bool vigil)
    {
        using var solo = SoloNode.Create(vigil);
        var h = solo.Host;
        var node = solo.Node;
        var record = Path.Combine(node.Directory, "ran.out");
        var script = Path.Combine(node.Directory, "global.sh");
        var notify = Path.Combine(node.Directory, "notify.sh");
        File.WriteAllText(script, $"#!/bin/sh\necho \"global $1\" >> {record}\n[ \"$1\" = stop ] && exit 0\nsleep 0.3\nexit 3\n");
        File.WriteAllText(notify, $"#!/bin/sh\necho \"notify $1\" >> {record}\n");
        Cmd.Run("chmod", "755", script, notify);
        node.Configure($$"""
            global_defs {
                script_user root
                enable_script_security
                startup_script "{{script}} start"
                startup_script_timeout 5
                shutdown_script "{{script}} stop"
            }
            vrrp_instance VI_1 {
                state BACKUP
                interface eth0
                virtual_router_id 51
                priority 150
                version 3
                advert_int 0.1
                notify_backup "{{notify}} backup"
                notify_stop "{{notify}} stop"
                virtual_ipaddress {
                    203.0.113.100/32
                }
            }

            """);
        node.Start();
        Assert.True(node.WaitForLog(@"\(VI_1\) Entering MASTER STATE", TimeSpan.FromSeconds(10)), node.Log);
        node.Stop();
        Eventually.True(() => Lines(record).Count >= 4, TimeSpan.FromSeconds(5), "scripts ran\n" + node.Log);

        Assert.Equal(["global start", "notify backup", "notify stop", "global stop"], Lines(record));
        var log = node.Log;
        Assert.Matches(new Regex($"Running startup script {Regex.Escape(script)}\\b"), log);
        Assert.Contains("startup script script failed, status 3", log, StringComparison.Ordinal);
        Assert.Matches(new Regex($"Running shutdown script {Regex.Escape(script)}\\b"), log);
        Assert.Contains("shutdown script script succeeded", log, StringComparison.Ordinal);
    }

    private static List<string> Lines(string path) =>
        File.Exists(path) ? [.. File.ReadAllLines(path).Where(l => l.Length > 0)] : [];
}
