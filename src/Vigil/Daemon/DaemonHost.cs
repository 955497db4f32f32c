using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Vigil.Config.Model;
using Vigil.Linux.Host;

namespace Vigil.Cli.Daemon;

/// <summary>
/// Runs the daemon: sets up logging, creates the subsystems the configuration and -P/-C call for, starts them, waits
/// for SIGTERM/SIGINT (or a subsystem's fatal failure) and stops them in reverse order.
/// Daemonizing and pid files are added by the VRRP daemon work; subsystems register in <see cref="Factories"/>.
/// </summary>
internal static class DaemonHost
{
    /// <summary>Every subsystem the daemon knows, in start order.</summary>
    private static readonly ISubsystemFactory[] Factories = [];

    /// <summary>How long a graceful stop may take before the host gives up on a subsystem.</summary>
    private static readonly TimeSpan StopDeadline = TimeSpan.FromSeconds(10);

    public static int Run(VigilOptions options, KeepalivedConfig config, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(config);
        if (Factories.Length == 0)
        {
            stderr.WriteLine("vigil: running the daemon is not available yet; use -t to check a configuration or -d to dump it");
            return 1;
        }

        using var loggerFactory = CreateLoggerFactory(options, TimeProvider.System);
        var context = new DaemonContext(options, config, loggerFactory, TimeProvider.System);
        return RunAsync(context, Factories).GetAwaiter().GetResult();
    }

    /// <summary>The host loop, separate from process-wide setup so tests can drive it with fake subsystems.</summary>
    internal static async Task<int> RunAsync(DaemonContext context, IReadOnlyList<ISubsystemFactory> factories, Task? stopRequested = null)
    {
        var log = context.LoggerFactory.CreateLogger("Vigil");
        var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var sigterm = stopRequested is null ? PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnStopSignal) : null;
        using var sigint = stopRequested is null ? PosixSignalRegistration.Create(PosixSignal.SIGINT, OnStopSignal) : null;
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

        log.LogInformation("Stopped Vigil");
        return status;

        void OnStopSignal(PosixSignalContext signal)
        {
            signal.Cancel = true;
            stop.TrySetResult();
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
