using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Vigil.Linux.Interop;

namespace Vigil.Linux.Scripts;

/// <summary>
/// Runs scripts the way keepalived does (docs/checkers.md, "Script runner"):
/// <list type="bullet">
/// <item>argv from <see cref="ScriptCommandLine"/>; the first word is exec'd directly when it resolves to an
/// executable file (PATH search for bare names), otherwise the whole line goes to <c>/bin/sh -c</c>;
/// a file without <c>#!</c> (ENOEXEC) is run by /bin/sh (execvp semantics);</item>
/// <item>each script leads its own process group (posix_spawn POSIX_SPAWN_SETPGROUP), with default signal
/// dispositions, an empty signal mask, stdin/stdout/stderr on /dev/null and the inherited environment
/// minus IFS, LD_PRELOAD, LD_LIBRARY_PATH;</item>
/// <item>the user switch and the parent-death signal (SIGTERM, as keepalived's PR_SET_PDEATHSIG) go through
/// setpriv(1) — .NET cannot set a uid between fork and exec; setpriv is a tiny, audited util-linux tool
/// that does setresgid/setgroups/setresuid/prctl and execs, without a shell in between;</item>
/// <item>on timeout (or cancellation, or shutdown) the process group gets SIGTERM, then SIGKILL after
/// <see cref="ScriptRunnerOptions.KillGrace"/> (2 s);</item>
/// <item>exit status and signal are exact (pidfd + waitid(P_PIDFD)), so a script killed by SIGTERM is not
/// mistaken for one that exited 143.</item>
/// </list>
/// One dedicated thread spawns and reaps (the parent-death signal follows the thread that forked, so it must
/// be long-lived); callers never block.
/// </summary>
public sealed partial class ScriptRunner : IScriptRunner, IAsyncDisposable
{
    private readonly object _gate = new();
    private readonly TimeProvider _time;
    private readonly ScriptRunnerOptions _options;
    private readonly ILogger _logger;
    private readonly Queue<Run> _toSpawn = new();
    private readonly Dictionary<int, Run> _running = [];
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly int _eventFd;
    private readonly bool _haveSetPriv;
    private readonly bool _isRoot;
    private TaskCompletionSource? _drained;
    private bool _disposing;
    private int _unfinished;

    public ScriptRunner(TimeProvider time, ScriptRunnerOptions? options = null, ILogger<ScriptRunner>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        _options = options ?? new ScriptRunnerOptions();
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _haveSetPriv = IsExecutable(_options.SetPrivPath);
        _isRoot = Environment.UserName == "root";
        _eventFd = ProcessInterop.EventFd(0, ProcessInterop.EFD_CLOEXEC | ProcessInterop.EFD_NONBLOCK);
        if (_eventFd < 0)
        {
            throw new ErrnoException("eventfd", ProcessInterop.LastErrno);
        }

        var thread = new Thread(Supervise) { IsBackground = true, Name = "vigil-scripts" };
        thread.Start();
    }

    /// <summary>Scripts currently running (spawned and not yet reaped).</summary>
    public int Running
    {
        get
        {
            lock (_gate)
            {
                return _running.Count;
            }
        }
    }

    /// <summary>Scripts asked for and not finished yet: queued, being spawned or running (a caller that must wait for
    /// scripts it just started waits for this, not <see cref="Running"/>, which misses those not spawned yet).</summary>
    public int Unfinished => Volatile.Read(ref _unfinished);

    public Task<ScriptResult> RunAsync(ScriptInvocation invocation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var plan = Plan(invocation, out var error);
        if (plan is null)
        {
            LogNotStarted(invocation.Command, error!);
            return Task.FromResult(new ScriptResult(ScriptOutcome.FailedToStart, -1, 0, TimeSpan.Zero, error));
        }

        var run = new Run(invocation, plan.Value);
        lock (_gate)
        {
            if (_disposing)
            {
                return Task.FromResult(new ScriptResult(ScriptOutcome.Cancelled, -1, 0, TimeSpan.Zero, "script runner is shutting down"));
            }

            _toSpawn.Enqueue(run);
            Interlocked.Increment(ref _unfinished);
        }

        run.Completion.Task.ContinueWith(_ => Interlocked.Decrement(ref _unfinished), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

        Wake();
        if (cancellationToken.CanBeCanceled)
        {
            run.CancellationRegistration = cancellationToken.Register(static s =>
            {
                var (runner, r) = ((ScriptRunner, Run))s!;
                runner.Stop(r, cancelled: true);
            }, (this, run));
        }

        return run.Completion.Task;
    }

    /// <summary>Kills every running script's process group (SIGTERM, SIGKILL after the grace) and stops the runner.</summary>
    public async ValueTask DisposeAsync()
    {
        Run[] pending;
        Task drained;
        lock (_gate)
        {
            if (_disposing)
            {
                drained = Task.CompletedTask;
                pending = [];
            }
            else
            {
                _disposing = true;
                pending = [.. _toSpawn];
                _toSpawn.Clear();
                _drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                if (_running.Count == 0)
                {
                    _drained.TrySetResult();
                }

                foreach (var r in _running.Values)
                {
                    r.Cancelled = true;
                    SignalGroupLocked(r, ProcessInterop.SIGTERM);
                }

                drained = _drained.Task;
            }
        }

        foreach (var r in pending)
        {
            r.Completion.TrySetResult(new ScriptResult(ScriptOutcome.Cancelled, -1, 0, TimeSpan.Zero, "script runner is shutting down"));
        }

        Wake();
        if (!await WaitAsync(drained, _options.KillGrace).ConfigureAwait(false))
        {
            lock (_gate)
            {
                foreach (var r in _running.Values)
                {
                    SignalGroupLocked(r, ProcessInterop.SIGKILL);
                }
            }

            await WaitAsync(drained, TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }

        Wake();
        await WaitAsync(_stopped.Task, TimeSpan.FromSeconds(5)).ConfigureAwait(false);
    }

    /// <summary>Resolves a command's first word like keepalived: a path must be an executable file, a bare name is searched in PATH.</summary>
    public string? ResolveExecutable(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (word.Length == 0)
        {
            return null;
        }

        if (word.Contains('/', StringComparison.Ordinal))
        {
            return IsExecutable(word) ? word : null;
        }

        var path = _options.SearchPath ?? Environment.GetEnvironmentVariable("PATH") ?? "/usr/local/bin:/usr/bin:/bin";
        foreach (var dir in path.Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, word);
            if (IsExecutable(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static bool IsExecutable(string path)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                return false;
            }

            const UnixFileMode anyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
            return (info.UnixFileMode & anyExecute) != 0;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static async Task<bool> WaitAsync(Task task, TimeSpan timeout)
    {
        // Real waiting for real processes; TimeProvider.System because the caller's provider may be virtual.
        var delay = Task.Delay(timeout, TimeProvider.System);
        return await Task.WhenAny(task, delay).ConfigureAwait(false) == task;
    }

    private ImmutableArray<string>? Plan(ScriptInvocation invocation, out string? error)
    {
        error = null;
        var words = ScriptCommandLine.Split(invocation.Command);
        if (words.IsEmpty)
        {
            error = "empty command";
            return null;
        }

        var argv = ImmutableArray.CreateBuilder<string>();
        var user = invocation.User ?? _options.DefaultUser;
        var group = invocation.User is null ? _options.DefaultGroup : invocation.Group;
        if (_haveSetPriv)
        {
            argv.Add(_options.SetPrivPath);
            argv.Add("--pdeathsig=TERM");
            if (user is not null)
            {
                var ids = ScriptUser.Resolve(user, group, out error);
                if (ids is null)
                {
                    return null;
                }

                argv.Add("--reuid=" + ids.Value.Uid.ToString(CultureInfo.InvariantCulture));
                argv.Add("--regid=" + ids.Value.Gid.ToString(CultureInfo.InvariantCulture));
                argv.Add(_options.SupplementaryGroups ? "--init-groups" : "--clear-groups");
            }

            argv.Add("--");
        }
        else if (user is not null && !(user == "root" && _isRoot))
        {
            error = $"cannot run as '{user}': {_options.SetPrivPath} not found";
            return null;
        }

        var program = ResolveExecutable(words[0]);
        if (program is not null)
        {
            argv.Add(program);
            argv.AddRange(words.Skip(1));
            argv.AddRange(invocation.ExtraArguments);
        }
        else
        {
            var line = new StringBuilder(invocation.Command);
            foreach (var extra in invocation.ExtraArguments)
            {
                line.Append(' ').Append(ScriptCommandLine.ShellQuote(extra));
            }

            argv.Add(_options.ShellPath);
            argv.Add("-c");
            argv.Add(line.ToString());
        }

        return argv.ToImmutable();
    }

    private void Wake()
    {
        unsafe
        {
            ulong one = 1;
            _ = ProcessInterop.Write(_eventFd, &one, sizeof(ulong));
        }
    }

    private void Stop(Run run, bool cancelled)
    {
        lock (_gate)
        {
            if (run.Reaped || run.Stopping)
            {
                return;
            }

            if (run.Pid == 0)
            {
                // Not spawned yet: it never will be.
                run.Cancelled = true;
                return;
            }

            run.Stopping = true;
            if (cancelled)
            {
                run.Cancelled = true;
            }
            else
            {
                run.TimedOut = true;
            }

            LogStopping(run.Invocation.Command, run.Pid, cancelled ? "cancelled" : "timed out");
            SignalGroupLocked(run, ProcessInterop.SIGTERM);
            run.KillTimer = _time.CreateTimer(static s =>
            {
                var (runner, r) = ((ScriptRunner, Run))s!;
                runner.KillGroup(r);
            }, (this, run), _options.KillGrace, Timeout.InfiniteTimeSpan);
        }
    }

    private void KillGroup(Run run)
    {
        lock (_gate)
        {
            if (!run.Reaped)
            {
                SignalGroupLocked(run, ProcessInterop.SIGKILL);
                return;
            }
        }

        // The leader is gone but members of its group may have ignored SIGTERM: kill them if the group
        // still exists (checked first, so a recycled pid can never be hit).
        if (GroupExists(run.Pid))
        {
            _ = ProcessInterop.Kill(-run.Pid, ProcessInterop.SIGKILL);
        }
    }

    private static bool GroupExists(int pgid)
    {
        try
        {
            foreach (var dir in Directory.EnumerateDirectories("/proc"))
            {
                var name = Path.GetFileName(dir);
                if (name.Length == 0 || !char.IsAsciiDigit(name[0]))
                {
                    continue;
                }

                string stat;
                try
                {
                    stat = File.ReadAllText(Path.Combine(dir, "stat"));
                }
                catch (IOException)
                {
                    continue;
                }
                catch (UnauthorizedAccessException)
                {
                    continue;
                }

                // pid (comm) state ppid pgrp ...; comm may contain spaces and parentheses.
                var close = stat.LastIndexOf(')');
                if (close < 0)
                {
                    continue;
                }

                var fields = stat[(close + 2)..].Split(' ');
                if (fields.Length > 2 && int.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var pgrp) && pgrp == pgid)
                {
                    return true;
                }
            }
        }
        catch (IOException)
        {
        }

        return false;
    }

    private void SignalGroupLocked(Run run, int signal)
    {
        if (run.Pid > 0 && !run.Reaped)
        {
            // The leader is not reaped, so its pid (= the group id) cannot have been reused.
            if (ProcessInterop.Kill(-run.Pid, signal) != 0)
            {
                _ = ProcessInterop.Kill(run.Pid, signal);
            }
        }
    }

    private void Supervise()
    {
        try
        {
            SuperviseLoop();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogSupervisorFailed(e);
            lock (_gate)
            {
                foreach (var r in _running.Values)
                {
                    r.Completion.TrySetResult(new ScriptResult(ScriptOutcome.Cancelled, -1, 0, TimeSpan.Zero, "script supervisor failed: " + e.Message));
                }
            }
        }
        finally
        {
            _ = ProcessInterop.Close(_eventFd);
            _stopped.TrySetResult();
        }
    }

    private unsafe void SuperviseLoop()
    {
        var fds = new ProcessInterop.PollFd[16];
        var owners = new Run?[16];
        while (true)
        {
            int count;
            lock (_gate)
            {
                if (_disposing && _running.Count == 0 && _toSpawn.Count == 0)
                {
                    return;
                }

                count = 1 + _running.Count;
                if (fds.Length < count)
                {
                    fds = new ProcessInterop.PollFd[count * 2];
                    owners = new Run?[count * 2];
                }

                fds[0] = new ProcessInterop.PollFd { fd = _eventFd, events = ProcessInterop.POLLIN };
                var i = 1;
                foreach (var (fd, run) in _running)
                {
                    fds[i] = new ProcessInterop.PollFd { fd = fd, events = ProcessInterop.POLLIN };
                    owners[i] = run;
                    i++;
                }
            }

            int ready;
            fixed (ProcessInterop.PollFd* p = fds)
            {
                ready = ProcessInterop.Poll(p, (nuint)count, -1);
            }

            if (ready < 0)
            {
                if (ProcessInterop.LastErrno == Errno.EINTR)
                {
                    continue;
                }

                throw new ErrnoException("poll", ProcessInterop.LastErrno);
            }

            if ((fds[0].revents & ProcessInterop.POLLIN) != 0)
            {
                ulong value;
                _ = ProcessInterop.Read(_eventFd, &value, sizeof(ulong));
            }

            for (var i = 1; i < count; i++)
            {
                if (fds[i].revents != 0 && owners[i] is { } run)
                {
                    Reap(run);
                }

                owners[i] = null;
            }

            SpawnQueued();
        }
    }

    private void SpawnQueued()
    {
        while (true)
        {
            Run run;
            lock (_gate)
            {
                if (_toSpawn.Count == 0)
                {
                    return;
                }

                run = _toSpawn.Dequeue();
                if (run.Cancelled)
                {
                    run.Completion.TrySetResult(new ScriptResult(ScriptOutcome.Cancelled, -1, 0, TimeSpan.Zero));
                    continue;
                }
            }

            var errno = Spawn(run.Argv, out var pid);
            if (errno != 0 && !_haveSetPriv && errno == ProcessInterop.ENOEXEC)
            {
                // A script without #!: run it with the shell, as execvp does.
                errno = Spawn([_options.ShellPath, .. run.Argv], out pid);
            }

            if (errno != 0)
            {
                var message = $"posix_spawn {run.Argv[0]}: {ErrnoException.Describe((Errno)errno)}";
                LogNotStarted(run.Invocation.Command, message);
                run.Completion.TrySetResult(new ScriptResult(ScriptOutcome.FailedToStart, -1, 0, TimeSpan.Zero, message));
                continue;
            }

            var pidFd = (int)ProcessInterop.Syscall(ProcessInterop.SYS_pidfd_open, pid, 0);
            if (pidFd < 0)
            {
                var e = ProcessInterop.LastErrno;
                _ = ProcessInterop.Kill(-pid, ProcessInterop.SIGKILL);
                run.Completion.TrySetResult(new ScriptResult(ScriptOutcome.FailedToStart, -1, 0, TimeSpan.Zero, "pidfd_open: " + ErrnoException.Describe(e)));
                continue;
            }

            lock (_gate)
            {
                run.Pid = pid;
                run.PidFd = pidFd;
                run.Started = _time.GetTimestamp();
                _running[pidFd] = run;
                if (run.Cancelled || _disposing)
                {
                    run.Cancelled = true;
                    SignalGroupLocked(run, ProcessInterop.SIGTERM);
                }
                else if (run.Invocation.Timeout is { } timeout && timeout > TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan)
                {
                    run.TimeoutTimer = _time.CreateTimer(static s =>
                    {
                        var (runner, r) = ((ScriptRunner, Run))s!;
                        runner.Stop(r, cancelled: false);
                    }, (this, run), timeout, Timeout.InfiniteTimeSpan);
                }
            }
        }
    }

    private unsafe void Reap(Run run)
    {
        ProcessInterop.SigInfo info = default;
        int rc;
        do
        {
            rc = ProcessInterop.WaitId(ProcessInterop.P_PIDFD, (uint)run.PidFd, &info, ProcessInterop.WEXITED);
        }
        while (rc != 0 && ProcessInterop.LastErrno == Errno.EINTR);

        ScriptResult result;
        lock (_gate)
        {
            run.Reaped = true;
            _running.Remove(run.PidFd);
            _ = ProcessInterop.Close(run.PidFd);
            run.TimeoutTimer?.Dispose();
            var duration = _time.GetElapsedTime(run.Started);
            var exit = info.si_code == ProcessInterop.CLD_EXITED ? info.si_status : -1;
            var signal = info.si_code is ProcessInterop.CLD_KILLED or ProcessInterop.CLD_DUMPED ? info.si_status : 0;
            var outcome = rc != 0 ? ScriptOutcome.FailedToStart
                : run.TimedOut ? ScriptOutcome.TimedOut
                : run.Cancelled ? ScriptOutcome.Cancelled
                : signal != 0 ? ScriptOutcome.Signaled
                : ScriptOutcome.Exited;
            result = new ScriptResult(outcome, exit, signal, duration, rc != 0 ? "waitid: " + ErrnoException.Describe(ProcessInterop.LastErrno) : null);
            if (_disposing && _running.Count == 0)
            {
                _drained?.TrySetResult();
            }
        }

        if (!run.TimedOut && !run.Cancelled)
        {
            run.KillTimer?.Dispose();
        }

        run.CancellationRegistration.Dispose();
        run.Completion.TrySetResult(result);
    }

    private unsafe int Spawn(ImmutableArray<string> argv, out int pid)
    {
        var strings = new List<nint>();
        var env = Environment.GetEnvironmentVariables();
        var envList = new List<string>(env.Count);
        foreach (System.Collections.DictionaryEntry kv in env)
        {
            var key = (string)kv.Key;
            if (!_options.RemovedEnvironment.Contains(key))
            {
                envList.Add(key + "=" + (string?)kv.Value);
            }
        }

        var argvPtr = (byte**)NativeMemory.AllocZeroed((nuint)(argv.Length + 1), (nuint)sizeof(nint));
        var envPtr = (byte**)NativeMemory.AllocZeroed((nuint)(envList.Count + 1), (nuint)sizeof(nint));
        var attr = NativeMemory.AllocZeroed(ProcessInterop.SpawnAttrSize);
        var actions = NativeMemory.AllocZeroed(ProcessInterop.FileActionsSize);
        var emptySet = NativeMemory.AllocZeroed(ProcessInterop.SigSetSize);
        var fullSet = NativeMemory.AllocZeroed(ProcessInterop.SigSetSize);
        var devNull = (byte*)Marshal.StringToCoTaskMemUTF8("/dev/null");
        try
        {
            for (var i = 0; i < argv.Length; i++)
            {
                var s = Marshal.StringToCoTaskMemUTF8(argv[i]);
                strings.Add(s);
                argvPtr[i] = (byte*)s;
            }

            for (var i = 0; i < envList.Count; i++)
            {
                var s = Marshal.StringToCoTaskMemUTF8(envList[i]);
                strings.Add(s);
                envPtr[i] = (byte*)s;
            }

            _ = ProcessInterop.SpawnAttrInit(attr);
            _ = ProcessInterop.FileActionsInit(actions);
            _ = ProcessInterop.SigEmptySet(emptySet);
            _ = ProcessInterop.SigFillSet(fullSet);
            _ = ProcessInterop.SpawnAttrSetFlags(attr, ProcessInterop.POSIX_SPAWN_SETPGROUP | ProcessInterop.POSIX_SPAWN_SETSIGMASK | ProcessInterop.POSIX_SPAWN_SETSIGDEF);
            _ = ProcessInterop.SpawnAttrSetPgroup(attr, 0);
            _ = ProcessInterop.SpawnAttrSetSigMask(attr, emptySet);
            _ = ProcessInterop.SpawnAttrSetSigDefault(attr, fullSet);
            _ = ProcessInterop.FileActionsAddOpen(actions, 0, devNull, ProcessInterop.O_RDONLY, 0);
            _ = ProcessInterop.FileActionsAddOpen(actions, 1, devNull, ProcessInterop.O_WRONLY, 0);
            _ = ProcessInterop.FileActionsAddOpen(actions, 2, devNull, ProcessInterop.O_WRONLY, 0);
            int child;
            var rc = ProcessInterop.PosixSpawn(&child, argvPtr[0], actions, attr, argvPtr, envPtr);
            pid = rc == 0 ? child : 0;
            _ = ProcessInterop.FileActionsDestroy(actions);
            _ = ProcessInterop.SpawnAttrDestroy(attr);
            return rc;
        }
        finally
        {
            foreach (var s in strings)
            {
                Marshal.FreeCoTaskMem(s);
            }

            Marshal.FreeCoTaskMem((nint)devNull);
            NativeMemory.Free(argvPtr);
            NativeMemory.Free(envPtr);
            NativeMemory.Free(attr);
            NativeMemory.Free(actions);
            NativeMemory.Free(emptySet);
            NativeMemory.Free(fullSet);
        }
    }

    [LoggerMessage(EventId = 5101, Level = LogLevel.Warning, Message = "Script `{Command}` not started: {Error}")]
    private partial void LogNotStarted(string command, string error);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Warning, Message = "Script `{Command}` (pid {Pid}) {Why}: SIGTERM to its process group, SIGKILL follows")]
    private partial void LogStopping(string command, int pid, string why);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Error, Message = "Script supervisor failed")]
    private partial void LogSupervisorFailed(Exception exception);

    private sealed class Run(ScriptInvocation invocation, ImmutableArray<string> argv)
    {
        public ScriptInvocation Invocation { get; } = invocation;

        public ImmutableArray<string> Argv { get; } = argv;

        public TaskCompletionSource<ScriptResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public CancellationTokenRegistration CancellationRegistration { get; set; }

        public int Pid { get; set; }

        public int PidFd { get; set; } = -1;

        public long Started { get; set; }

        public bool Reaped { get; set; }

        public bool Stopping { get; set; }

        public bool TimedOut { get; set; }

        public bool Cancelled { get; set; }

        public ITimer? TimeoutTimer { get; set; }

        public ITimer? KillTimer { get; set; }
    }
}
