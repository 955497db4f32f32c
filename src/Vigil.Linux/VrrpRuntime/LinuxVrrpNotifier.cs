using Microsoft.Extensions.Logging;
using Vigil.Linux.Notify;
using Vigil.Linux.Scripts;
using Vigil.Vrrp;
using Vigil.Vrrp.Ports;

namespace Vigil.Linux.VrrpRuntime;

/// <summary>
/// The one VRRP notification channel (reference §3.13): the state's own script with its configured arguments, then the
/// generic <c>notify</c> with <c>INSTANCE name STATE priority</c> appended, then one line to every notify FIFO. Scripts
/// are started and never waited for (the engine is single-threaded); their outcome is logged when they end.
/// Other channels (SMTP, SNMP) plug in through <see cref="Extra"/>.
/// </summary>
internal sealed partial class LinuxVrrpNotifier(IScriptRunner scripts, IReadOnlyList<NotifyFifo> fifos, ILogger logger) : IVrrpNotifier
{
    private readonly Lock _gate = new();
    private readonly HashSet<Task> _running = [];

    /// <summary>Further channels, called after scripts and FIFOs (exceptions are logged, never thrown).</summary>
    public IList<IVrrpNotifier> Extra { get; } = [];

    public void Notify(VrrpNotification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        if (notification.Script is { } script)
        {
            Start(script, []);
        }

        if (notification.GenericScript is { } generic)
        {
            Start(generic, notification.GenericArguments);
        }

        var line = notification.FifoLine.TrimEnd('\n');
        foreach (var fifo in fifos)
        {
            fifo.WriteLine(line);
        }

        foreach (var extra in Extra)
        {
            try
            {
                extra.Notify(notification);
            }
#pragma warning disable CA1031 // a failing extra channel must not stop VRRP
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogChannelFailed(logger, e.Message);
            }
        }
    }

    /// <summary>Waits (bounded) for scripts still running, so STOP notifications finish before the runner kills them.</summary>
    public async Task DrainAsync(TimeSpan timeout, TimeProvider time)
    {
        Task[] running;
        lock (_gate)
        {
            running = [.. _running];
        }

        if (running.Length > 0)
        {
            await Task.WhenAny(Task.WhenAll(running), Task.Delay(timeout, time)).ConfigureAwait(false);
        }
    }

    private void Start(VrrpNotifyScript script, System.Collections.Immutable.ImmutableArray<string> extra)
    {
        var invocation = new ScriptInvocation(script.Command) { User = script.User, Group = script.Group, ExtraArguments = extra };
        var task = scripts.RunAsync(invocation);
        lock (_gate)
        {
            _running.Add(task);
        }

        _ = task.ContinueWith(
            t =>
            {
                lock (_gate)
                {
                    _running.Remove(t);
                }

                if (t.IsCompletedSuccessfully && t.Result.Outcome == ScriptOutcome.FailedToStart)
                {
                    LogScriptFailed(logger, script.Command, t.Result.ToString());
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    [LoggerMessage(EventId = 6201, Level = LogLevel.Warning, Message = "Notify script `{Command}` {Outcome}")]
    private static partial void LogScriptFailed(ILogger logger, string command, string outcome);

    [LoggerMessage(EventId = 6202, Level = LogLevel.Warning, Message = "Notification channel failed: {Message}")]
    private static partial void LogChannelFailed(ILogger logger, string message);
}
