namespace Vigil.Cli.Daemon;

/// <summary>Creates a subsystem when the configuration and the command line (-P/-C) call for it.</summary>
internal interface ISubsystemFactory
{
    /// <summary>Null when this subsystem has nothing to do (no instances, excluded by -P/-C).</summary>
    ISubsystem? Create(DaemonContext context);
}
