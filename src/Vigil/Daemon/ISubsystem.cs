namespace Vigil.Cli.Daemon;

/// <summary>
/// One part of the daemon (VRRP, checkers/load balancer, later BFD), started and stopped by <see cref="DaemonHost"/>.
/// A subsystem owns its sockets, timers and child processes; it never calls <c>Environment.Exit</c>.
/// </summary>
internal interface ISubsystem : IAsyncDisposable
{
    /// <summary>Name used in log lines ("VRRP", "Checker").</summary>
    string Name { get; }

    /// <summary>
    /// Acquire resources and start work. Returns once the subsystem runs; throwing here aborts the daemon's start
    /// (subsystems already started are stopped in reverse order).
    /// </summary>
    Task StartAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Graceful stop (SIGTERM/SIGINT): keepalived's shutdown work (priority-0 adverts, VIPs released, stop
    /// notifications, services removed). The token fires when the stop deadline passes.
    /// </summary>
    Task StopAsync(CancellationToken cancellationToken);

    /// <summary>Completes when the subsystem fails on its own (a fatal error); the host then stops the others.</summary>
    Task Completion { get; }
}
