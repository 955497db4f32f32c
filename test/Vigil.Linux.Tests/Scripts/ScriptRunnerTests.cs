using System.Diagnostics;
using System.Globalization;
using Vigil.Linux.Scripts;
using Vigil.Testing;

namespace Vigil.Linux.Scripts.Tests;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
[Collection(nameof(ScriptRunnerTests))]
public sealed class ScriptRunnerTests : IDisposable
{
    private readonly string _dir;

    public ScriptRunnerTests()
    {
        _dir = Path.Combine(Path.GetTempPath(), "vigil-scripts-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(_dir);
        File.SetUnixFileMode(_dir, (UnixFileMode)0x1FF); // 0777: a switched user can write its evidence here
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Script(string name, string body, bool shebang = true)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, (shebang ? "#!/bin/sh\n" : "") + body);
        File.SetUnixFileMode(path, (UnixFileMode)0x1ED); // 0755
        return path;
    }

    private static ScriptRunner Runner(ScriptRunnerOptions? options = null) => new(TimeProvider.System, options);

    private static bool ProcessAlive(int pid) => Directory.Exists($"/proc/{pid}") &&
        !File.ReadAllText($"/proc/{pid}/stat").Split(' ')[2].StartsWith('Z');

    [Fact]
    public async Task RunAsync_ExitStatus_Reported()
    {
        await using var r = Runner();
        var s = Script("exit3.sh", "exit 3\n");
        var result = await r.RunAsync(new ScriptInvocation(s));
        Assert.Equal(ScriptOutcome.Exited, result.Outcome);
        Assert.Equal(3, result.ExitCode);
        Assert.False(result.Succeeded);
    }

    [Fact]
    public async Task RunAsync_KilledBySignal_SignalNotExitCode()
    {
        await using var r = Runner();
        var s = Script("selfkill.sh", "kill -TERM $$\nsleep 5\n");
        var result = await r.RunAsync(new ScriptInvocation(s));
        Assert.Equal(ScriptOutcome.Signaled, result.Outcome);
        Assert.Equal(15, result.Signal);
        Assert.Equal(-1, result.ExitCode);
    }

    [Fact]
    public async Task RunAsync_FirstWordNotExecutable_RunByShell()
    {
        await using var r = Runner();
        var marker = Path.Combine(_dir, "shell.out");
        var result = await r.RunAsync(new ScriptInvocation($"no_such_command_xyz 2>/dev/null || echo fallback > {marker}; exit 7"));
        Assert.Equal(7, result.ExitCode);
        Assert.Equal("fallback\n", File.ReadAllText(marker));
    }

    [Fact]
    public async Task RunAsync_ExecutableFirstWord_NoShellInterpretation()
    {
        // keepalived execs directly: ">" and ";" are plain arguments (observed).
        await using var r = Runner();
        var dump = Script("dump.sh", $"for a in \"$@\"; do printf '[%s]' \"$a\"; done > {_dir}/argv.out\n");
        var result = await r.RunAsync(new ScriptInvocation($"{dump} a 'b c' >x; $HOME") { ExtraArguments = ["extra arg"] });
        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal("[a][b c][>x;][$HOME][extra arg]", File.ReadAllText(Path.Combine(_dir, "argv.out")));
    }

    [Fact]
    public async Task RunAsync_ShellFallbackWithExtraArguments_ArgumentsQuoted()
    {
        await using var r = Runner();
        var result = await r.RunAsync(new ScriptInvocation($"exec printf '%s|' > {_dir}/extra.out") { ExtraArguments = ["INSTANCE", "VI 1", "it's"] });
        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal("INSTANCE|VI 1|it's|", File.ReadAllText(Path.Combine(_dir, "extra.out")));
    }

    [Fact]
    public async Task RunAsync_ScriptWithoutShebang_RunBySh()
    {
        await using var r = Runner();
        var s = Script("nosheb.sh", $"echo ran > {_dir}/nosheb.out\nexit 4\n", shebang: false);
        var result = await r.RunAsync(new ScriptInvocation(s));
        Assert.Equal(4, result.ExitCode);
        Assert.Equal("ran\n", File.ReadAllText(Path.Combine(_dir, "nosheb.out")));
    }

    [Fact]
    public async Task RunAsync_Script_LeadsItsOwnProcessGroupWithDevNullStdio()
    {
        await using var r = Runner();
        var s = Script("pg.sh", $"echo $$ $(ps -o pgid= -p $$) $(readlink /proc/$$/fd/0) $(readlink /proc/$$/fd/1) > {_dir}/pg.out\n");
        var result = await r.RunAsync(new ScriptInvocation(s));
        Assert.True(result.Succeeded, result.ToString());
        var parts = File.ReadAllText(Path.Combine(_dir, "pg.out")).Split(' ', StringSplitOptions.TrimEntries);
        Assert.Equal(parts[0], parts[1]);
        Assert.NotEqual(Environment.ProcessId.ToString(CultureInfo.InvariantCulture), parts[1]);
        Assert.Equal("/dev/null", parts[2]);
        Assert.Equal("/dev/null", parts[3]);
    }

    [Fact]
    public async Task RunAsync_Environment_InheritedWithoutIfsAndLdVariables()
    {
        Environment.SetEnvironmentVariable("VIGIL_SCRIPT_TEST", "kept");
        Environment.SetEnvironmentVariable("LD_PRELOAD", "");
        Environment.SetEnvironmentVariable("IFS", ":");
        try
        {
            await using var r = Runner();
            var s = Script("env.sh", $"tr '\\0' '\\n' < /proc/$$/environ > {_dir}/env.out\n");
            var result = await r.RunAsync(new ScriptInvocation(s));
            Assert.True(result.Succeeded, result.ToString());
            var env = File.ReadAllLines(Path.Combine(_dir, "env.out"));
            Assert.Contains("VIGIL_SCRIPT_TEST=kept", env);
            Assert.DoesNotContain(env, l => l.StartsWith("IFS=", StringComparison.Ordinal) || l.StartsWith("LD_PRELOAD=", StringComparison.Ordinal));
        }
        finally
        {
            Environment.SetEnvironmentVariable("VIGIL_SCRIPT_TEST", null);
            Environment.SetEnvironmentVariable("LD_PRELOAD", null);
            Environment.SetEnvironmentVariable("IFS", null);
        }
    }

    [Fact]
    public async Task RunAsync_Timeout_TermThenKillWholeGroup()
    {
        // The script and its child ignore SIGTERM; both must be gone after the 2 s SIGKILL grace.
        await using var r = Runner(new ScriptRunnerOptions { KillGrace = TimeSpan.FromSeconds(1) });
        var s = Script("stubborn.sh", $"trap '' TERM\n(trap '' TERM; exec sleep 60) &\necho $! > {_dir}/child.pid\nwhile true; do sleep 0.1; done\n");
        var sw = Stopwatch.StartNew();
        var result = await r.RunAsync(new ScriptInvocation(s) { Timeout = TimeSpan.FromMilliseconds(500) });
        Assert.Equal(ScriptOutcome.TimedOut, result.Outcome);
        Assert.Equal(9, result.Signal);
        Assert.InRange(sw.Elapsed, TimeSpan.FromMilliseconds(1400), TimeSpan.FromSeconds(10));
        var child = int.Parse(File.ReadAllText(Path.Combine(_dir, "child.pid")).Trim(), CultureInfo.InvariantCulture);
        Assert.True(Eventually.Wait(() => !ProcessAlive(child), TimeSpan.FromSeconds(5)), "the script's child survived");
    }

    [Fact]
    public async Task RunAsync_TimeoutLeaderDiesChildIgnoresTerm_ChildKilledAfterGrace()
    {
        await using var r = Runner(new ScriptRunnerOptions { KillGrace = TimeSpan.FromMilliseconds(500) });
        var s = Script("leader.sh", $"(trap '' TERM; exec sleep 60) &\necho $! > {_dir}/child2.pid\nsleep 60\n");
        var result = await r.RunAsync(new ScriptInvocation(s) { Timeout = TimeSpan.FromMilliseconds(300) });
        Assert.Equal(ScriptOutcome.TimedOut, result.Outcome);
        Assert.Equal(15, result.Signal);
        var child = int.Parse(File.ReadAllText(Path.Combine(_dir, "child2.pid")).Trim(), CultureInfo.InvariantCulture);
        Assert.True(Eventually.Wait(() => !ProcessAlive(child), TimeSpan.FromSeconds(5)), "the group member that ignored SIGTERM survived");
    }

    [Fact]
    public async Task Unfinished_CountsAScriptFromTheCallUntilItIsReaped()
    {
        // A caller that waits for the scripts it just started (the checkers' omega at stop) must see them before the
        // supervisor thread has spawned them; Running alone missed them and the runner's disposal cancelled them.
        await using var r = Runner();
        var s = Script("short.sh", "sleep 0.2\n");
        var tasks = Enumerable.Range(0, 5).Select(_ => r.RunAsync(new ScriptInvocation(s))).ToList();
        Assert.Equal(5, r.Unfinished);
        await Task.WhenAll(tasks).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(Eventually.Wait(() => r.Unfinished == 0, TimeSpan.FromSeconds(5)));
        Assert.All(tasks, t => Assert.Equal(ScriptOutcome.Exited, t.Result.Outcome));
    }

    [Fact]
    public async Task RunAsync_Cancelled_GroupKilledAndCancelledOutcome()
    {
        await using var r = Runner();
        using var cts = new CancellationTokenSource();
        var s = Script("long.sh", "sleep 60\n");
        var task = r.RunAsync(new ScriptInvocation(s), cts.Token);
        Assert.True(Eventually.Wait(() => r.Running == 1, TimeSpan.FromSeconds(5)));
        await cts.CancelAsync();
        var result = await task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(ScriptOutcome.Cancelled, result.Outcome);
    }

    [Fact]
    public async Task DisposeAsync_RunningScripts_AllKilled()
    {
        var r = Runner(new ScriptRunnerOptions { KillGrace = TimeSpan.FromMilliseconds(500) });
        var s = Script("forever.sh", $"trap '' TERM\necho $$ >> {_dir}/forever.pids\nwhile true; do sleep 0.1; done\n");
        var tasks = Enumerable.Range(0, 3).Select(_ => r.RunAsync(new ScriptInvocation(s))).ToArray();
        Assert.True(Eventually.Wait(() => File.Exists(Path.Combine(_dir, "forever.pids")) && File.ReadAllLines(Path.Combine(_dir, "forever.pids")).Length == 3, TimeSpan.FromSeconds(10)));
        await r.DisposeAsync();
        foreach (var t in tasks)
        {
            Assert.Equal(ScriptOutcome.Cancelled, (await t.WaitAsync(TimeSpan.FromSeconds(5))).Outcome);
        }

        foreach (var pid in File.ReadAllLines(Path.Combine(_dir, "forever.pids")).Select(l => int.Parse(l, CultureInfo.InvariantCulture)))
        {
            Assert.False(ProcessAlive(pid));
        }

        var after = await r.RunAsync(new ScriptInvocation(s));
        Assert.Equal(ScriptOutcome.Cancelled, after.Outcome);
    }

    [Fact]
    public async Task RunAsync_ManyConcurrent_AllComplete()
    {
        await using var r = Runner();
        var s = Script("quick.sh", "exit $1\n");
        var results = await Task.WhenAll(Enumerable.Range(0, 100).Select(i => r.RunAsync(new ScriptInvocation($"{s} {i % 5}"))));
        Assert.Equal(Enumerable.Range(0, 100).Select(i => i % 5), results.Select(x => x.ExitCode));
    }

    [Fact]
    public async Task RunAsync_UnknownUser_FailedToStart()
    {
        await using var r = Runner();
        var result = await r.RunAsync(new ScriptInvocation("/bin/true") { User = "no_such_user_vigil" });
        Assert.Equal(ScriptOutcome.FailedToStart, result.Outcome);
        Assert.Contains("no_such_user_vigil", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_EmptyCommand_FailedToStart()
    {
        await using var r = Runner();
        Assert.Equal(ScriptOutcome.FailedToStart, (await r.RunAsync(new ScriptInvocation("   "))).Outcome);
    }

    [NetFact("setpriv")]
    public async Task RunAsync_AsNobody_UidGidAndNoSupplementaryGroups()
    {
        // keepalived 2.2.7 runs scripts as script_user with only its primary group.
        await using var r = Runner(new ScriptRunnerOptions { DefaultUser = "nobody" });
        var s = Script("id.sh", $"echo $(id -u) $(id -g) $(id -G) > {_dir}/id.out\n");
        var result = await r.RunAsync(new ScriptInvocation(s));
        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal("65534 65534 65534", File.ReadAllText(Path.Combine(_dir, "id.out")).Trim());
    }

    [NetFact("setpriv")]
    public async Task RunAsync_PerScriptUserAndGroup_OverrideDefault()
    {
        await using var r = Runner(new ScriptRunnerOptions { DefaultUser = "nobody" });
        var s = Script("id2.sh", $"echo $(id -u) $(id -g) > {_dir}/id2.out\n");
        var result = await r.RunAsync(new ScriptInvocation(s) { User = "root", Group = "65534" });
        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal("0 65534", File.ReadAllText(Path.Combine(_dir, "id2.out")).Trim());
    }
}
