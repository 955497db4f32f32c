using System.Text.Json;
using Vigil.Testing;

namespace Vigil.Config.Tests;

/// <summary>End-to-end runs of the built <c>vigil</c> executable: exit statuses, output, keepalived's flags.</summary>
public sealed class VigilExecutableTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("vigil-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static CmdResult Vigil(params string[] args)
    {
        var (file, prefix) = global::Vigil.Testing.Nodes.VigilNode.Executable;
        return Cmd.Run(file, [.. prefix, .. args], TimeSpan.FromSeconds(60));
    }

    [Fact]
    public void ConfigTest_CleanFile_ExitsZeroSilently()
    {
        var r = Vigil("-t", "-f", Write("ok.conf", "global_defs {\n router_id lb1\n}\n"));
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(string.Empty, r.StdErr);
    }

    [Fact]
    public void ConfigTest_Errors_ExitFiveWithKeepalivedStyleLines()
    {
        var file = Write("bad.conf", "global_defs {\n router_idd lb1\n}\n");
        var r = Vigil("-t", "-f", file);
        Assert.Equal(5, r.ExitCode);
        Assert.Equal($"({file}: Line 2) Unknown keyword 'router_idd' - did you mean 'router_id'?", r.StdErr.Trim());
    }

    [Fact]
    public void ConfigTest_ScriptsWithoutScriptSecurity_ExitSix()
    {
        var text = "virtual_server 192.0.2.1 80 {\n protocol TCP\n lb_algo rr\n lb_kind NAT\n real_server 192.0.2.2 80 {\n MISC_CHECK {\n misc_path /bin/true\n }\n }\n}\n";
        var r = Vigil("-t", "-f", Write("sec.conf", text));
        Assert.Equal(6, r.ExitCode);
        Assert.StartsWith("SECURITY VIOLATION - check scripts are being executed", r.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void ConfigTest_MissingFile_ExitsFour()
    {
        var r = Vigil("-t", "-f", Path.Combine(_dir, "none.conf"));
        Assert.Equal(4, r.ExitCode);
        Assert.Contains("Config files missing", r.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void ConfigTest_WithLogFile_WritesThereInstead()
    {
        var log = Path.Combine(_dir, "t.log");
        var r = Vigil("-f", Write("bad.conf", "bogus\n"), "--config-test=" + log);
        Assert.Equal(5, r.ExitCode);
        Assert.Equal(string.Empty, r.StdErr);
        Assert.Contains("Unknown keyword 'bogus'", File.ReadAllText(log), StringComparison.Ordinal);
    }

    [Fact]
    public void DumpConfJson_WritesTheResolvedModel()
    {
        var r = Vigil("-t", "--dump-conf=json", "-f", Write("d.conf", "global_defs {\n router_id lb1\n vrrp_version 3\n}\n"));
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.StdOut);
        var global = doc.RootElement.GetProperty("global");
        Assert.Equal("lb1", global.GetProperty("router_id").GetString());
        Assert.Equal(3, global.GetProperty("vrrp").GetProperty("version").GetInt32());
    }

    [Fact]
    public void DumpConf_Readable_ShowsBlocks()
    {
        var r = Vigil("-t", "-d", "-f", Write("d.conf", "global_defs {\n router_id lb1\n}\n"));
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("router_id lb1", r.StdOut, StringComparison.Ordinal);
        Assert.Contains("vrrp {", r.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public void Signum_PrintsKeepalivedsNumbers()
    {
        var r = Vigil("--signum=JSON");
        Assert.Equal((0, "36"), (r.ExitCode, r.StdOut.Trim()));
        r = Vigil("--signum=NOPE");
        Assert.Equal((1, "Unknown sigfunc NOPE"), (r.ExitCode, r.StdErr.Trim()));
    }

    [Fact]
    public void UnknownFlag_ExitsOneNamingTheFlag()
    {
        var r = Vigil("--bogus-flag");
        Assert.Equal((1, "Unknown option --bogus-flag"), (r.ExitCode, r.StdErr.Trim()));
    }

    [Fact]
    public void RunningTheDaemon_WithItsPidFileHeld_SaysAlreadyRunningAndExitsZero()
    {
        // keepalived 2.2.7 logs "daemon is already running" and exits 0 when its pid file is locked (observed).
        var pid = Path.Combine(Path.GetDirectoryName(Write("ok.conf", "global_defs {\n router_id lb1\n}\n"))!, "held.pid");
        using var held = global::Vigil.Linux.Host.PidFile.TryAcquire(pid, out var error);
        Assert.NotNull(held);
        var r = Vigil("-n", "-l", "-G", "-f", Write("ok.conf", "global_defs {\n router_id lb1\n}\n"), "-p", pid);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("daemon is already running", r.StdOut, StringComparison.Ordinal);
    }

    [NetFact("keepalived")]
    public void UnknownFlagAndSignum_MatchKeepalived()
    {
        foreach (var args in new[] { new[] { "--bogus-flag" }, ["-Z"], ["--signum=STOP"], ["--signum=STATS_CLEAR"], ["--signum=TDATA"] })
        {
            var k = Cmd.Run("keepalived", args, TimeSpan.FromSeconds(30));
            var v = Vigil(args);
            Assert.Equal((k.ExitCode, k.StdOut.Trim(), k.StdErr.Trim()), (v.ExitCode, v.StdOut.Trim(), v.StdErr.Trim()));
        }
    }
}
