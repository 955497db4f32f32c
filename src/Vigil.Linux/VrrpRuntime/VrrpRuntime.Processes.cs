using Vigil.Vrrp.Tracking;

namespace Vigil.Linux.VrrpRuntime;

/// <summary>
/// track_process: <c>/proc</c> is scanned before the instances start and then every
/// <see cref="VrrpRuntimeOptions.ProcessPollInterval"/> (keepalived uses the netlink process connector, which this
/// kernel refused keepalived 2.2.7 too: "Failed to set/clear process event listen"). <c>fork_delay</c> /
/// <c>terminate_delay</c> hold a change back until it has lasted that long.
/// </summary>
public sealed partial class VrrpRuntime
{
    private readonly Dictionary<string, (bool Reported, bool Seen, TimeSpan Since)> _processState = new(StringComparer.Ordinal);

    private void ScanProcesses(bool initial)
    {
        var specs = _options.Tracking.Processes;
        if (specs.IsEmpty)
        {
            return;
        }

        var table = ProcessTable.Scan(specs.Any(s => s.MatchParameters || s.FullCommand));
        var now = _time.GetElapsedTime(0);
        foreach (var spec in specs)
        {
            var up = spec.QuorumMet(table.Count(p => spec.Matches(p.Comm, p.Argv)));
            if (initial || !_processState.TryGetValue(spec.Name, out var state))
            {
                _processState[spec.Name] = (up, up, now);
                _engine!.PostTrackProcess(spec.Name, up);
                continue;
            }

            if (up != state.Seen)
            {
                state = (state.Reported, up, now);
            }

            var delay = up ? spec.ForkDelay : spec.TerminateDelay;
            if (state.Reported != up && now - state.Since >= delay)
            {
                state = (up, up, state.Since);
                _engine!.PostTrackProcess(spec.Name, up);
            }

            _processState[spec.Name] = state;
        }
    }

    private async Task PollProcessesAsync(CancellationToken token)
    {
        while (!token.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_options.ProcessPollInterval, _time, token).ConfigureAwait(false);
                ScanProcesses(initial: false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
#pragma warning disable CA1031 // a failed scan is retried on the next tick
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogTrackScriptFailed(_logger, "track_process", e.Message);
            }
        }
    }
}
