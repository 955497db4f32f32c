using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Vigil.Linux.Timing;
using Vigil.Config.Model;
using Vigil.Linux.Host;

namespace Vigil.Cli.Daemon;

/// <summary>
/// Runs the daemon: sets up logging, creates the subsystems the configuration and -P/-C call for, starts them, waits
/// for SIGTERM/SIGINT (or a subsystem's fatal failure) and stops them in reverse order.
/// Subsystems register in <see cref="Factories"/>.
/// </summary>
internal static class DaemonHost
{
    /// <summary>Every subsystem the daemon knows, in start order.</summary>
    private static readonly ISubsystemFactory[] Factories = [new VrrpSubsystemFactory(), new CheckerSubsystemFactory()];

    /// <summary>How long a graceful stop may take before the host gives up on a subsystem.</summary>
    private static readonly TimeSpan StopDeadline = TimeSpan.FromSeconds(10);

    /// <summary>
    /// keepalived's signal functions other than STOP (reference §1.3): SIGHUP reload, SIGUSR1 data, SIGUSR2 stats,
    /// SIGRTMIN+2 JSON, SIGRTMAX-1 stats clear. Accepted and logged; never fatal, never dropping VIPs.
    /// </summary>
    private static readonly (int Signal, string Function)[] UnsupportedSignals =
        [(1, "RELOAD"), (10, "DATA"), (12, "STATS"), (36, "JSON"), (63, "STATS_CLEAR")];

    public static int Run(VigilOptions options, KeepalivedConfig config, IReadOnlyList<string> args, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stderr);

        // Without -n keepalived forks into the background and the command returns 0 at once. .NET cannot fork, so the
        // detached copy is a re-execution of this command (Daemonizer).
        if (!options.DontFork)
        {
            if (!Daemonizer.IsDetachedChild)
            {
                Daemonizer.StartDetachedCopy(args);
                return 0;
            }

            Daemonizer.DetachCurrentProcess();
        }

        using var loggerFactory = CreateLoggerFactory(options, TimeProvider.System);
        var log = loggerFactory.CreateLogger("Vigil");
        log.LogInformation("Starting {Name} v{Version} (keepalived {Compatible} compatible)", VigilInfo.Name, VigilInfo.Version, VigilInfo.CompatibleKeepalivedVersion);
        log.LogInformation("Command line: {CommandLine}", string.Join(' ', new[] { "vigil" }.Concat(args).Select(a => "'" + a + "'")));
        log.LogInformation("Configuration file {File}", options.ConfigFile);

        // keepalived 2.2.7 logs "daemon is already running" and exits 0 when the pid file is held (observed).
        using var pidFile = PidFile.TryAcquire(DaemonPaths.MainPidFile(options, config.Global), out var pidError);
        if (pidFile is null)
        {
            log.LogInformation("daemon is already running");
            log.LogDebug("{Error}", pidError);
            return 0;
        }

        // Protocol timers need better than the runtime's jiffy-granular timer queue (see PreciseTimeProvider).
        using var time = new PreciseTimeProvider();
        var context = new DaemonContext(options, config, loggerFactory, time);
        GlobalScripts.RunAsync("startup", config.Global.StartupScript, config.Global.StartupScriptTimeout, config.Global, time, log).GetAwaiter().GetResult();
        InitTrackFiles(config, log);
        var status = RunAsync(context, Factories).GetAwaiter().GetResult();
        GlobalScripts.RunAsync("shutdown", config.Global.ShutdownScript, config.Global.ShutdownScriptTimeout, config.Global, time, log).GetAwaiter().GetResult();
        log.LogInformation("Stopped {Name} v{Version}", VigilInfo.Name, VigilInfo.Version);
        return status;
    }

    /// <summary><c>track_file ... init_file</c>: create (or with <c>overwrite</c> rewrite) the files before anything reads them.</summary>
    private static void InitTrackFiles(KeepalivedConfig config, ILogger log)
    {
        foreach (var f in config.TrackFiles.Where(f => f.InitFile && f.File is not null))
        {
            if (Vigil.Linux.Checkers.TrackFileInitializer.Apply(f.File!, f.InitValue, f.InitOverwrite) is { } error)
            {
                log.LogWarning("track_file {Name}: cannot initialise {File}: {Error}", f.Name, f.File, error);
            }
        }
    }

    /// <summary>The host loop, separate from process-wide setup so tests can drive it with fake subsystems.</summary>
    internal static async Task<int> RunAsync(DaemonContext context, IReadOnlyList<ISubsystemFactory> factories, Task? stopRequested = null)
    {
        var log = context.LoggerFactory.CreateLogger("Vigil");
        var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var sigterm = stopRequested is null ? PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnStopSignal) : null;
        using var sigint = stopRequested is null ? PosixSignalRegistration.Create(PosixSignal.SIGINT, OnStopSignal) : null;
        var others = stopRequested is null
            ? UnsupportedSignals.Select(u => PosixSignalRegistration.Create((PosixSignal)u.Signal, c => OnOtherSignal(c, u.Function))).ToList()
            : [];
        stopRequested ??= stop.Task;

        var started = new List<ISubsystem>();
        var status = 0;
        try
        {
            foreach (var factory in factories)
            {
                if (factory.Create(context) is not { } subsystem)
                {
                    continue;
                }

                started.Add(subsystem);
                await subsystem.StartAsync(CancellationToken.None).ConfigureAwait(false);
            }

            log.LogInformation("Startup complete");
            var failures = started.Select(s => s.Completion);
            var finished = await Task.WhenAny([stopRequested, .. failures]).ConfigureAwait(false);
            if (finished != stopRequested)
            {
                var failed = started.First(s => s.Completion == finished);
                log.LogError("{Subsystem} child process stopped: {Reason}", failed.Name, finished.Exception?.GetBaseException().Message ?? "exited");
                status = 1;
            }
        }
#pragma warning disable CA1031 // a subsystem's start failure ends the daemon with a log line, not an unhandled exception
        catch (Exception e)
#pragma warning restore CA1031
        {
            log.LogError("Startup failed: {Message}", e.Message);
            status = 1;
        }

        if (status == 0)
        {
            log.LogInformation("Stopping");
        }

        for (var i = started.Count - 1; i >= 0; i--)
        {
            using var deadline = new CancellationTokenSource(StopDeadline, context.Time);
            try
            {
                await started[i].StopAsync(deadline.Token).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // one subsystem failing to stop cleanly must not keep the others running
            catch (Exception e)
#pragma warning restore CA1031
            {
                log.LogError("{Subsystem}: stop failed: {Message}", started[i].Name, e.Message);
            }
            finally
            {
                await started[i].DisposeAsync().ConfigureAwait(false);
            }
        }

        foreach (var r in others)
        {
            r.Dispose();
        }

        return status;

        void OnStopSignal(PosixSignalContext signal)
        {
            signal.Cancel = true;
            stop.TrySetResult();
        }

        void OnOtherSignal(PosixSignalContext signal, string function)
        {
            signal.Cancel = true;
            log.LogWarning("Signal {Signal} ({Function}) received: not supported yet, ignored", signal.Signal, function);
        }
    }

    /// <summary>Log sinks as keepalived chooses them: console with -l, syslog unless -G, a file with -g.</summary>
    internal static ILoggerFactory CreateLoggerFactory(VigilOptions options, TimeProvider time)
    {
        var sinks = new List<ILogSink>();
        if (options.LogConsole)
        {
            sinks.Add(new ConsoleLogSink(Console.Out));
        }

        if (!options.NoSyslog)
        {
            sinks.Add(new SyslogSink("Keepalived", options.LogFacility ?? 3));
        }

        if (options.LogFile is { } file)
        {
            sinks.Add(new ConsoleLogSink(new StreamWriter(file, append: true) { AutoFlush = true }, ownsWriter: true));
        }

        var minimum = options.LogDetail ? LogLevel.Debug : LogLevel.Information;
        return LoggerFactory.Create(b => b.SetMinimumLevel(minimum).AddProvider(new SinkLoggerProvider(sinks, time, minimum)));
    }
}
