using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Vigil.Checkers;
using Vigil.Linux.Scripts;

namespace Vigil.Linux.Checkers;

/// <summary>
/// The checkers of one configuration, wired: a <see cref="CheckerScheduler"/> with the Linux probes, a
/// <see cref="TrackFileMonitor"/> feeding FILE_CHECK, and notify_up/notify_down/quorum_up/quorum_down run
/// through the script runner. Every event (including the script requests) is forwarded to the caller's sink
/// in order: the data plane consumes <see cref="DesiredServiceChanged"/>, the FIFO writer
/// <see cref="NotifyFifoLine"/>, the mailer <see cref="SmtpAlertRequested"/>.
/// Probes open their sockets on thread-pool threads, i.e. in the process's network namespace
/// (<c>net_namespace</c> therefore means running the process there, as keepalived does).
/// </summary>
public sealed partial class CheckerHost : IAsyncDisposable
{
    private readonly TrackFileMonitor? _files;
    private readonly ILogger _logger;

    public CheckerHost(
        IEnumerable<VirtualServerSettings> services,
        ICheckerEventSink sink,
        TimeProvider time,
        IScriptRunner scripts,
        CheckerSchedulerOptions? options = null,
        ILogger<CheckerHost>? logger = null,
        IHealthProbeFactory? probes = null)
    {
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(scripts);
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        Scheduler = new CheckerScheduler(services, probes ?? new LinuxProbeFactory(time, scripts), new ScriptingSink(sink, scripts, this), time, options);
        var trackFiles = Scheduler.TrackFiles();
        if (trackFiles.Count > 0)
        {
            _files = new TrackFileMonitor(trackFiles, Scheduler.ReportTrackFile, time);
        }
    }

    public CheckerScheduler Scheduler { get; }

    public void Start()
    {
        Scheduler.Start();
        _files?.Start();
    }

    public async ValueTask DisposeAsync()
    {
        _files?.Dispose();
        await Scheduler.DisposeAsync().ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning, Message = "{Kind} script `{Command}` {Result}")]
    private partial void LogScriptResult(NotifyKind kind, string command, ScriptResult result);

    private sealed class ScriptingSink(ICheckerEventSink inner, IScriptRunner scripts, CheckerHost host) : ICheckerEventSink
    {
        public void Publish(CheckerEvent checkerEvent)
        {
            if (checkerEvent is NotifyScriptRequested request)
            {
                var invocation = new ScriptInvocation(request.Script.Command) { User = request.Script.User, Group = request.Script.Group };
                _ = Observe(request, scripts.RunAsync(invocation));
            }

            inner.Publish(checkerEvent);
        }

        private async Task Observe(NotifyScriptRequested request, Task<ScriptResult> run)
        {
            var result = await run.ConfigureAwait(false);
            if (!result.Succeeded)
            {
                host.LogScriptResult(request.Kind, request.Script.Command, result);
            }
        }
    }
}
