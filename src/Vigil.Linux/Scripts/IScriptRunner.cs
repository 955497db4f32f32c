namespace Vigil.Linux.Scripts;

/// <summary>
/// Runs keepalived-style scripts (notify scripts, MISC_CHECK, vrrp_script). Never blocks the caller:
/// the task completes when the script's process ends.
/// </summary>
public interface IScriptRunner
{
    Task<ScriptResult> RunAsync(ScriptInvocation invocation, CancellationToken cancellationToken = default);
}
