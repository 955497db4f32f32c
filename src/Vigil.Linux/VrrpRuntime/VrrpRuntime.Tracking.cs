using Microsoft.Extensions.Logging;
using Vigil.Linux.Checkers;
using Vigil.Linux.Scripts;
using Vigil.Vrrp.Tracking;

namespace Vigil.Linux.VrrpRuntime;

/// <summary>
/// Tracking inputs: every vrrp_script runs on its interval with its timeout (a run is skipped while the previous one is
/// still active, never blocking the engine) and its raw result is posted; track_file values come from inotify
/// (<see cref="TrackFileMonitor"/>); tracked interfaces share the link monitor (see <c>PostLink</c>).
/// </summary>
public sealed partial class VrrpRuntime
{
    private void StartTrackFiles()
    {
        if (_options.Tracking.Files.IsEmpty)
        {
            return;
        }

        // keepalived reads the files before the instances start ("Changing effective priority" before "removing VIPs.").
        // The first reading goes in as one batch, so an instance tracking several files changes priority once.
        _engine!.PostTrackFiles([.. _options.Tracking.Files.Select(f => KeyValuePair.Create(f.Key, TrackFileMonitor.ReadValue(f.Value) ?? 0))]);
        _trackFiles = new TrackFileMonitor(_options.Tracking.Files, (name, value) => _engine!.PostTrackFile(name, value ?? 0), _time);
        _trackFiles.Start();
    }

    private void StartTrackScripts(CancellationToken token)
    {
        foreach (var script in _options.Tracking.Scripts)
        {
            _loops.Add(Task.Run(() => RunTrackScriptAsync(script, token), CancellationToken.None));
        }
    }

    private async Task RunTrackScriptAsync(VrrpScriptSettings script, CancellationToken token)
    {
        var invocation = new ScriptInvocation(script.Command) { User = script.User, Group = script.Group, Timeout = script.Timeout };
        Task? running = null;
        while (!token.IsCancellationRequested)
        {
            if (running is null || running.IsCompleted)
            {
                running = RunOnceAsync(script.Name, invocation, token);
            }
            else
            {
                LogScriptStillRunning(_logger, script.Name);
            }

            try
            {
                await Task.Delay(script.Interval, _time, token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task RunOnceAsync(string name, ScriptInvocation invocation, CancellationToken token)
    {
        try
        {
            var result = await _scripts!.RunAsync(invocation, token).ConfigureAwait(false);
            VrrpScriptResult? posted = result.Outcome switch
            {
                ScriptOutcome.Exited => new VrrpScriptResult(VrrpScriptResultKind.Exited, result.ExitCode),
                ScriptOutcome.Signaled => new VrrpScriptResult(VrrpScriptResultKind.Signaled, result.Signal),
                ScriptOutcome.TimedOut => new VrrpScriptResult(VrrpScriptResultKind.TimedOut),
                ScriptOutcome.FailedToStart => new VrrpScriptResult(VrrpScriptResultKind.FailedToStart),
                _ => null,
            };
            if (result.Outcome == ScriptOutcome.FailedToStart)
            {
                LogTrackScriptFailed(_logger, name, result.ToString());
            }

            if (posted is { } r && !token.IsCancellationRequested)
            {
                _engine!.PostScriptResult(name, r);
            }
        }
        catch (OperationCanceledException)
        {
        }
#pragma warning disable CA1031 // a tracking script must never take the runtime down
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogTrackScriptFailed(_logger, name, e.Message);
        }
    }

    [LoggerMessage(EventId = 6110, Level = LogLevel.Debug, Message = "vrrp_script {Script} still running; skipping this run")]
    private static partial void LogScriptStillRunning(ILogger logger, string script);

    [LoggerMessage(EventId = 6111, Level = LogLevel.Warning, Message = "vrrp_script {Script}: {Error}")]
    private static partial void LogTrackScriptFailed(ILogger logger, string script, string error);
}
