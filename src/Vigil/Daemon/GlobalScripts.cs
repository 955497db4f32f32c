using Microsoft.Extensions.Logging;
using Vigil.Config.Model;
using Vigil.Linux.Scripts;

namespace Vigil.Cli.Daemon;

/// <summary>
/// <c>startup_script</c> / <c>shutdown_script</c> (global_defs): run by the parent, waited for up to their timeout,
/// before the subsystems start and after they have stopped. Lines as keepalived 2.2.7 logs them (observed): "Running
/// startup script /path", "startup script script succeeded", "startup script script failed, status 3", "startup
/// script timed out". The result never stops the daemon.
/// </summary>
internal static partial class GlobalScripts
{
    public static async Task RunAsync(string which, ScriptConfig? script, TimeSpan timeout, GlobalDefsConfig global, TimeProvider time, ILogger logger)
    {
        if (script is null)
        {
            return;
        }

        await using var runner = new ScriptRunner(time, new ScriptRunnerOptions { DefaultUser = global.ScriptUser, DefaultGroup = global.ScriptGroup });
        LogRunning(logger, which, script.Program);
        var result = await runner.RunAsync(new ScriptInvocation(script.CommandLine) { User = script.User, Group = script.Group, Timeout = timeout }).ConfigureAwait(false);
        switch (result.Outcome)
        {
            case ScriptOutcome.Exited when result.ExitCode == 0:
                LogSucceeded(logger, which);
                break;
            case ScriptOutcome.Exited:
                LogFailed(logger, which, result.ExitCode);
                break;
            case ScriptOutcome.TimedOut:
                LogTimedOut(logger, which);
                break;
            default:
                LogOther(logger, which, result.ToString());
                break;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Running {Which} script {Program}")]
    private static partial void LogRunning(ILogger logger, string which, string program);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Which} script script succeeded")]
    private static partial void LogSucceeded(ILogger logger, string which);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Which} script script failed, status {Status}")]
    private static partial void LogFailed(ILogger logger, string which, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Which} script timed out")]
    private static partial void LogTimedOut(ILogger logger, string which);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Which} script {Result}")]
    private static partial void LogOther(ILogger logger, string which, string result);
}
