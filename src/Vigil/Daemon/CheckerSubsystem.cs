using System.Net;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Vigil.Checkers;
using Vigil.Config.Model;
using Vigil.Lb;
using Vigil.Linux.Checkers;
using Vigil.Linux.Host;
using Vigil.Linux.Ipvs;
using Vigil.Linux.Notify;
using Vigil.Linux.Rtnl;
using Vigil.Linux.Scripts;
using Vigil.Runtime;
using CheckerKey = Vigil.Checkers.VirtualServiceKey;
using CheckerKind = Vigil.Checkers.CheckerKind;
using LvsFlushOnStop = Vigil.Config.Model.LvsFlushOnStop;

namespace Vigil.Cli.Daemon;

/// <summary>
/// keepalived's checker child in-process: maps the virtual servers, holds the checkers' pid file (-c), runs the
/// <see cref="CheckerHost"/> and keeps the load balancer (IPVS or nftables, <c>lvs_backend</c>) equal to what the
/// checkers decide, one diff per burst of changes on one runner task. Checker events become keepalived's log lines,
/// FIFO lines and mails. On SIGTERM: checkers stop (omega notifications), then the table is removed unless -I.
/// </summary>
internal sealed partial class CheckerSubsystem(DaemonContext context) : ISubsystem
{
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ILogger _logger = context.LoggerFactory.CreateLogger("Vigil.Daemon.Checker");
    private readonly Channel<CheckerEvent> _events = Channel.CreateUnbounded<CheckerEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Dictionary<CheckerKey, DesiredService> _desired = [];
    private readonly Dictionary<(CheckerKey, RealServerKey), RealServerSettings> _realServers = [];
    private readonly HashSet<Lb.VirtualServiceKey> _refused = [];
    private readonly List<NotifyFifo> _fifos = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationTokenSource _fifoReader = new();
    private Task? _fifoScript;
    private LbRuntimePlan? _plan;
    private LbIntegrator? _integrator;
    private ILbBackend? _backend;
    private CheckerHost? _host;
    private ScriptRunner? _scripts;
    private SmtpAlerter? _mail;
    private PidFile? _pidFile;
    private Task? _runner;
    private Task? _addressWatch;
    private RtnlMonitor? _monitor;
    private string? _statusFile;

    public string Name => "Checker";

    public Task Completion => _completion.Task;

    /// <summary>The running checkers (tests, status).</summary>
    public CheckerHost? Host => _host;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var global = context.Config.Global;
        var pidPath = DaemonPaths.CheckersPidFile(context.Options, global);
        if (pidPath != DaemonPaths.MainPidFile(context.Options, global))
        {
            _pidFile = PidFile.TryAcquire(pidPath, out var error) ?? throw new InvalidOperationException($"Checker child: {error}");
        }

        _plan = LbSettingsMapper.Map(context.Config);
        _integrator = new LbIntegrator(_plan.Services);
        foreach (var line in _plan.Unsupported)
        {
            LogUnsupported(_logger, line);
        }

        StartDataPlane(global);
        OpenNotifications(global);

        _scripts = new ScriptRunner(context.Time, new ScriptRunnerOptions { DefaultUser = global.ScriptUser, DefaultGroup = global.ScriptGroup }, context.LoggerFactory.CreateLogger<ScriptRunner>());
        StartFifoScript(global);
        _host = new CheckerHost(_plan.Checkers, new Sink(_events.Writer), context.Time, _scripts, logger: context.LoggerFactory.CreateLogger<CheckerHost>());
        _runner = Task.Run(RunAsync, CancellationToken.None);
        foreach (var vs in _plan.Checkers)
        {
            foreach (var rs in vs.RealServers)
            {
                _realServers[(vs.Key, rs.Key)] = rs;
                foreach (var _ in rs.Checkers)
                {
                    // keepalived 2.2.7, once per checker at start (observed in the IPVS lane).
                    LogActivatingChecker(_logger, EndpointText.RealServer(vs.Key, rs.Key), vs.Key.ToString());
                }
            }
        }

        _host.Start();
        StartAddressWatch(); // after Start: the scheduler takes address presence only once it runs
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_host is not null)
        {
            // Omega: notify_down / quorum_down and their FIFO lines are published here and drained by the runner.
            await _host.Scheduler.StopAsync().ConfigureAwait(false);
        }

        _events.Writer.TryComplete();
        if (_runner is not null)
        {
            await _runner.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        // Omega's notify_down / quorum_down scripts were just started: let them finish before the runner is disposed
        // (disposing kills what still runs), within the stop deadline.
        try
        {
            await StopFifoScriptAsync(cancellationToken).ConfigureAwait(false);
            while (_scripts is { Unfinished: > 0 })
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20), context.Time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }

        if (_backend is not null)
        {
            ReleaseDataPlane(context.Config.Global);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _events.Writer.TryComplete();
        _monitor?.Dispose();
        if (_addressWatch is not null)
        {
            await _addressWatch.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        if (_host is not null)
        {
            await _host.DisposeAsync().ConfigureAwait(false);
        }

        if (_mail is not null)
        {
            await _mail.DisposeAsync().ConfigureAwait(false);
        }

        if (_scripts is not null)
        {
            await _scripts.DisposeAsync().ConfigureAwait(false);
        }

        foreach (var f in _fifos)
        {
            f.Dispose();
        }

        _backend?.Dispose();
        _pidFile?.Dispose();
        _stopping.Dispose();
        _fifoReader.Dispose();
    }

    private void StartDataPlane(GlobalDefsConfig global)
    {
        var kind = context.Options.LvsBackend ?? global.LvsBackend;
        _backend = LbBackends.Create(kind, out var reason, out var notes);
        if (_backend is null)
        {
            LogNoBackend(_logger, reason ?? "unknown reason");
            return;
        }

        LogBackend(_logger, _backend.Name, notes ?? "as configured");
        var ipvs = (_backend as IpvsBackend)?.Client;
        try
        {
            if (global.LvsFlush)
            {
                if (ipvs is not null)
                {
                    ipvs.Flush();
                }
                else
                {
                    _backend.Clear();
                }
            }

            if (_plan!.Timeouts is { } timeouts)
            {
                if (ipvs is not null)
                {
                    ipvs.SetTimeouts(timeouts);
                }
                else
                {
                    LogUnsupported(_logger, "lvs_timeouts needs IPVS; the nftables backend leaves conntrack timeouts as they are");
                }
            }

            if (_plan.SyncDaemon is { } sync)
            {
                if (ipvs is null)
                {
                    LogUnsupported(_logger, "lvs_sync_daemon needs IPVS; not started with the nftables backend");
                }

                // Tied to a vrrp_instance, the VRRP subsystem starts and stops it with that instance's state.
                else if (sync.VrrpInstance is null)
                {
                    ipvs.StartSyncDaemon(sync.Daemon with { State = SyncDaemonState.Master });
                    ipvs.StartSyncDaemon(sync.Daemon with { State = SyncDaemonState.Backup });
                }
            }
        }
        catch (IOException e)
        {
            LogBackendFailure(_logger, e.Message);
        }

        // Refuse, once and by name, what this backend cannot do; everything else is programmed.
        var everything = _integrator!.Build(_plan!.Checkers.Select(LbIntegrator.AllConfigured));
        foreach (var problem in _backend.Check(everything))
        {
            LogRefused(_logger, problem.ToString());
            if (problem.Service is { } key && problem.Severity == LbProblemSeverity.Error)
            {
                _refused.Add(key);
            }
        }

        if (_backend is not IpvsBackend)
        {
            _statusFile = DaemonPaths.LvsStatusFile(context.Options, global);
        }
    }

    private void ReleaseDataPlane(GlobalDefsConfig global)
    {
        try
        {
            if (_backend is IpvsBackend ipvs && _plan?.SyncDaemon is { VrrpInstance: null })
            {
                ipvs.Client.StopSyncDaemon(SyncDaemonState.Master);
                ipvs.Client.StopSyncDaemon(SyncDaemonState.Backup);
            }

            if (context.Options.DontReleaseIpvs)
            {
                return;
            }

            // keepalived 2.2.7 names each real server it takes out at stop (observed in the IPVS lane).
            foreach (var (key, service) in _desired)
            {
                foreach (var d in service.Destinations.Where(d => d.Role == DestinationRole.RealServer))
                {
                    LogShuttingDown(_logger, EndpointText.RealServer(key, d.Key), key.ToString());
                }
            }

            if (global.LvsFlushOnStop == LvsFlushOnStop.Full && _backend is IpvsBackend full)
            {
                full.Client.Flush();
            }
            else
            {
                _backend!.Clear();
            }

            if (_statusFile is not null)
            {
                File.Delete(_statusFile);
            }
        }
        catch (IOException e)
        {
            LogBackendFailure(_logger, e.Message);
        }
        catch (UnauthorizedAccessException e)
        {
            LogBackendFailure(_logger, e.Message);
        }
    }

    /// <summary>
    /// <c>lvs_notify_fifo_script</c>: started once with the FIFO's path as its last argument (as the VRRP side does
    /// for its FIFO); a FIFO shared with <c>notify_fifo</c> is the VRRP subsystem's to serve.
    /// </summary>
    private void StartFifoScript(GlobalDefsConfig global)
    {
        if (global.LvsNotifyFifo is not { Script: { } script } f || f.Path == global.NotifyFifo?.Path || !_fifos.Any(x => x.Path == f.Path))
        {
            return;
        }

        var invocation = new ScriptInvocation(script.CommandLine) { User = script.User, Group = script.Group, ExtraArguments = [f.Path] };
        _fifoScript = _scripts!.RunAsync(invocation, _fifoReader.Token).ContinueWith(
            t =>
            {
                if (t.IsCompletedSuccessfully && t.Result.Outcome == ScriptOutcome.FailedToStart)
                {
                    LogFifoScriptFailed(_logger, script.CommandLine, t.Result.ToString());
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>After the last (omega) lines: close our end of the FIFOs so the reader sees end of file and can finish
    /// what it read; kill it if it is still running a second later.</summary>
    private async Task StopFifoScriptAsync(CancellationToken cancellationToken)
    {
        if (_fifoScript is null)
        {
            return;
        }

        foreach (var f in _fifos)
        {
            f.Dispose();
        }

        _fifos.Clear();
        try
        {
            await _fifoScript.WaitAsync(TimeSpan.FromSeconds(1), context.Time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
        }

        await _fifoReader.CancelAsync().ConfigureAwait(false);
    }

    private void OpenNotifications(GlobalDefsConfig global)
    {
        foreach (var f in new[] { global.NotifyFifo, global.LvsNotifyFifo })
        {
            if (f is null || _fifos.Any(x => x.Path == f.Path))
            {
                continue;
            }

            try
            {
                // A second writer on the VRRP subsystem's FIFO is safe: each line is one write below PIPE_BUF.
                _fifos.Add(NotifyFifo.Open(f.Path));
            }
            catch (IOException e)
            {
                LogFifoFailure(_logger, f.Path, e.Message);
            }

        }

        if (global.SmtpServer is { } server && !global.NotificationEmails.IsEmpty)
        {
            var host = Environment.MachineName;
            _mail = new SmtpAlerter(
                new SmtpAlertSettings(
                    server.Address?.ToString() ?? server.Host,
                    server.Port,
                    global.SmtpHeloName ?? host,
                    global.SmtpConnectTimeout,
                    global.RouterId ?? host,
                    global.NotificationEmailFrom ?? $"keepalived@{host}",
                    global.NotificationEmails),
                context.Time,
                context.LoggerFactory.CreateLogger<SmtpAlerter>());
        }
    }

    private void StartAddressWatch()
    {
        var watched = _plan!.Services.Where(s => s.HaSuspend).ToList();
        if (watched.Count == 0)
        {
            return;
        }

        try
        {
            _monitor = RtnlMonitor.Open(RtnlMonitorGroups.Addresses);
            using (var rtnl = RtnlClient.Open())
            {
                var local = rtnl.GetAddresses().Select(a => a.Address).ToHashSet();
                foreach (var s in watched)
                {
                    _host!.Scheduler.SetVirtualAddressPresent(s.Key, s.Addresses.Any(local.Contains));
                }
            }

            _addressWatch = Task.Run(() => WatchAddressesAsync(watched), CancellationToken.None);
        }
        catch (IOException e)
        {
            // Without the monitor, ha_suspend cannot know: run the checkers (keepalived without ha_suspend).
            LogBackendFailure(_logger, $"ha_suspend: address monitor unavailable ({e.Message}); checkers run unsuspended");
            foreach (var s in watched)
            {
                _host!.Scheduler.SetVirtualAddressPresent(s.Key, true);
            }
        }
    }

    private async Task WatchAddressesAsync(List<LbServicePlan> watched)
    {
        try
        {
            await foreach (var e in _monitor!.ReadEventsAsync(_stopping.Token).ConfigureAwait(false))
            {
                if (e is not AddressEvent)
                {
                    continue;
                }

                using var rtnl = RtnlClient.Open();
                var local = rtnl.GetAddresses().Select(a => a.Address).ToHashSet();
                foreach (var s in watched)
                {
                    _host!.Scheduler.SetVirtualAddressPresent(s.Key, s.Addresses.Any(local.Contains));
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
#pragma warning disable CA1031 // the watcher's failure is logged; checkers keep their last state
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogBackendFailure(_logger, $"ha_suspend: address monitor stopped: {e.Message}");
        }
    }

    /// <summary>The runner: every event in order; one backend diff per burst of desired-state changes.</summary>
    private async Task RunAsync()
    {
        try
        {
            var reader = _events.Reader;
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                var dirty = false;
                while (reader.TryRead(out var e))
                {
                    dirty |= Handle(e);
                }

                if (dirty)
                {
                    Apply();
                }
            }
        }
#pragma warning disable CA1031 // the runner's failure ends the subsystem with a reason, not the process
        catch (Exception e)
#pragma warning restore CA1031
        {
            _completion.TrySetException(e);
        }
    }

    private bool Handle(CheckerEvent e)
    {
        switch (e)
        {
            case DesiredServiceChanged changed:
                _desired[changed.Service.Key] = changed.Service;
                return true;
            case RealServerStateChanged rs:
                LogServerState(rs);
                break;
            case RealServerWeightChanged w:
                LogWeight(_logger, w.OldWeight, w.NewWeight, EndpointText.RealServer(w.Service, w.Server), w.Service.ToString());
                break;
            case QuorumChanged q:
                LogQuorum(_logger, q.Description);
                break;
            case CheckerResultObserved r:
                LogResult(r);
                break;
            case CheckersSuspended s:
                if (s.Suspended)
                {
                    LogDeactivating(_logger, s.Service.ToString());
                }
                else
                {
                    LogActivating(_logger, s.Service.ToString());
                }

                break;
            case NotifyFifoLine line:
                foreach (var f in _fifos)
                {
                    f.WriteLine(line.Text.TrimEnd('\n'));
                }

                break;
            case SmtpAlertRequested mail:
                _mail?.Enqueue(mail.Subject, mail.Body);
                break;
        }

        return false;
    }

    private void Apply()
    {
        if (_backend is null)
        {
            return;
        }

        var state = _integrator!.Build(_desired);
        if (_refused.Count > 0)
        {
            state = new LbState(state.Services.Where(s => !_refused.Contains(s.Key)).ToList());
        }

        var result = _backend.Apply(state);
        foreach (var f in result.Failed)
        {
            LogApplyFailure(_logger, f.ToString());
        }

        if (_statusFile is not null)
        {
            try
            {
                File.WriteAllText(_statusFile, LbStatusFormatter.Format(_backend.Snapshot()));
            }
            catch (IOException e)
            {
                LogBackendFailure(_logger, $"{_statusFile}: {e.Message}");
            }
        }
    }

    private void LogServerState(RealServerStateChanged e)
    {
        var rs = EndpointText.RealServer(e.Service, e.Server);
        var inhibit = _plan!.Checkers.FirstOrDefault(v => v.Key.Equals(e.Service)) is { } vs &&
                      ((_realServers.TryGetValue((e.Service, e.Server), out var rsSettings) ? rsSettings.InhibitOnFailure : null) ?? vs.InhibitOnFailure);
        if (e.Alive)
        {
            if (inhibit)
            {
                LogEnabling(_logger, rs, e.Service.ToString());
            }
            else
            {
                LogAdding(_logger, rs, e.Service.ToString());
            }
        }
        else if (inhibit)
        {
            LogDisabling(_logger, rs, e.Service.ToString());
        }
        else
        {
            LogRemoving(_logger, rs, e.Service.ToString());
        }
    }

    private void LogResult(CheckerResultObserved r)
    {
        var rs = EndpointText.RealServer(r.Service, r.Server);
        var settings = _realServers.TryGetValue((r.Service, r.Server), out var server) ? server.Checkers.ElementAtOrDefault(r.Checker) : null;
        if (settings is null)
        {
            return;
        }

        foreach (var line in CheckerLogText.Lines(r, settings, settings.LogAllFailures, r.Service.ToString(), rs))
        {
            LogCheckerLine(_logger, line);
        }

        if (!r.Result.IsSuccess)
        {
            LogCheckerDetail(_logger, CheckerLogText.Detail(r, rs));
        }
    }

    private sealed class Sink(ChannelWriter<CheckerEvent> writer) : ICheckerEventSink
    {
        public void Publish(CheckerEvent checkerEvent) => writer.TryWrite(checkerEvent);
    }

    [LoggerMessage(EventId = 3201, Level = LogLevel.Warning, Message = "{Line}")]
    private static partial void LogUnsupported(ILogger logger, string line);

    [LoggerMessage(EventId = 3202, Level = LogLevel.Error, Message = "No load balancer data plane: {Reason}; health checkers run without programming services")]
    private static partial void LogNoBackend(ILogger logger, string reason);

    [LoggerMessage(EventId = 3203, Level = LogLevel.Information, Message = "Load balancer backend {Backend} ({Notes})")]
    private static partial void LogBackend(ILogger logger, string backend, string notes);

    [LoggerMessage(EventId = 3204, Level = LogLevel.Error, Message = "{Problem} - virtual server not programmed")]
    private static partial void LogRefused(ILogger logger, string problem);

    [LoggerMessage(EventId = 3205, Level = LogLevel.Error, Message = "Load balancer: {Failure}")]
    private static partial void LogApplyFailure(ILogger logger, string failure);

    [LoggerMessage(EventId = 3206, Level = LogLevel.Error, Message = "Load balancer: {Message}")]
    private static partial void LogBackendFailure(ILogger logger, string message);

    [LoggerMessage(EventId = 3208, Level = LogLevel.Error, Message = "lvs_notify_fifo_script {Script} failed: {Result}")]
    private static partial void LogFifoScriptFailed(ILogger logger, string script, string result);

    [LoggerMessage(EventId = 3207, Level = LogLevel.Error, Message = "Cannot open notify FIFO {Path}: {Message}")]
    private static partial void LogFifoFailure(ILogger logger, string path, string message);

    [LoggerMessage(EventId = 3210, Level = LogLevel.Information, Message = "Adding service {Server} to VS {Service}")]
    private static partial void LogAdding(ILogger logger, string server, string service);

    [LoggerMessage(EventId = 3211, Level = LogLevel.Information, Message = "Removing service {Server} from VS {Service}")]
    private static partial void LogRemoving(ILogger logger, string server, string service);

    [LoggerMessage(EventId = 3212, Level = LogLevel.Information, Message = "Enabling service {Server} to VS {Service}")]
    private static partial void LogEnabling(ILogger logger, string server, string service);

    [LoggerMessage(EventId = 3213, Level = LogLevel.Information, Message = "Disabling service {Server} from VS {Service}")]
    private static partial void LogDisabling(ILogger logger, string server, string service);

    [LoggerMessage(EventId = 3214, Level = LogLevel.Information, Message = "Changing weight from {Old} to {New} for {Server} of VS {Service}")]
    private static partial void LogWeight(ILogger logger, int old, int @new, string server, string service);

    [LoggerMessage(EventId = 3215, Level = LogLevel.Information, Message = "{Description}")]
    private static partial void LogQuorum(ILogger logger, string description);

    [LoggerMessage(EventId = 3216, Level = LogLevel.Information, Message = "{Line}")]
    private static partial void LogCheckerLine(ILogger logger, string line);

    [LoggerMessage(EventId = 3217, Level = LogLevel.Debug, Message = "{Detail}")]
    private static partial void LogCheckerDetail(ILogger logger, string detail);

    [LoggerMessage(EventId = 3222, Level = LogLevel.Information, Message = "Activating healthchecker for service {Server} for VS {Service}")]
    private static partial void LogActivatingChecker(ILogger logger, string server, string service);

    [LoggerMessage(EventId = 3223, Level = LogLevel.Information, Message = "Shutting down service {Server} from VS {Service}")]
    private static partial void LogShuttingDown(ILogger logger, string server, string service);

    [LoggerMessage(EventId = 3219, Level = LogLevel.Information, Message = "Deactivating healthchecker for service {Service}")]
    private static partial void LogDeactivating(ILogger logger, string service);

    [LoggerMessage(EventId = 3220, Level = LogLevel.Information, Message = "Activating healthchecker for service {Service}")]
    private static partial void LogActivating(ILogger logger, string service);
}
