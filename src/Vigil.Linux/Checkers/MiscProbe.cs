using Vigil.Checkers;
using Vigil.Linux.Scripts;

namespace Vigil.Linux.Checkers;

/// <summary>
/// <c>MISC_CHECK</c>: runs <c>misc_path</c> through the script runner with <c>misc_timeout</c>. Exit 0 = up;
/// without misc_dynamic anything else is down; with it 1 is down and 2-255 is up with weight status − 2.
/// A script killed by a signal is down; one that times out is down ("timed out").
/// </summary>
public sealed class MiscProbe(MiscCheckSettings settings, IScriptRunner scripts, TimeProvider time) : IHealthProbe
{
    public async ValueTask<ProbeResult> ProbeAsync(ProbeContext context, CancellationToken cancellationToken)
    {
        var invocation = new ScriptInvocation(settings.Path) { User = settings.User, Group = settings.Group, Timeout = context.Timeout };
        var run = scripts.RunAsync(invocation, cancellationToken);
        try
        {
            // The runner kills the script's group at the timeout (SIGTERM, SIGKILL 2 s later); the check
            // result does not wait for the kill to finish.
            var result = await run.WaitAsync(context.Timeout, time, cancellationToken).ConfigureAwait(false);
            return Map(result, settings.Dynamic);
        }
        catch (TimeoutException)
        {
            return ProbeResult.Fail(ProbeVerdict.ScriptTimeout, "timed out");
        }
        catch (OperationCanceledException)
        {
            return ProbeResult.Fail(ProbeVerdict.ScriptTimeout, "cancelled");
        }
    }

    public static ProbeResult Map(ScriptResult result, bool dynamic)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Outcome switch
        {
            ScriptOutcome.Exited when result.ExitCode == 0 => ProbeResult.Ok,
            ScriptOutcome.Exited when dynamic && result.ExitCode is >= 2 and <= 255 => ProbeResult.Ok with { DynamicWeight = result.ExitCode - 2 },
            ScriptOutcome.Exited => ProbeResult.Fail(ProbeVerdict.ScriptFailed, $"exited with status {result.ExitCode}"),
            ScriptOutcome.Signaled => ProbeResult.Fail(ProbeVerdict.ScriptFailed, $"killed by signal {result.Signal}"),
            ScriptOutcome.TimedOut => ProbeResult.Fail(ProbeVerdict.ScriptTimeout, "timed out"),
            ScriptOutcome.Cancelled => ProbeResult.Fail(ProbeVerdict.ScriptTimeout, "cancelled"),
            _ => ProbeResult.Fail(ProbeVerdict.LocalError, result.Error),
        };
    }
}
