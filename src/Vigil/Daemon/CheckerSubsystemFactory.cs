namespace Vigil.Cli.Daemon;

/// <summary>The checker subsystem runs unless -P (VRRP only) is given, when there are virtual servers (or --all).</summary>
internal sealed class CheckerSubsystemFactory : ISubsystemFactory
{
    public ISubsystem? Create(DaemonContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Options.VrrpOnly && !context.Options.CheckerOnly)
        {
            return null;
        }

        return context.Config.VirtualServers.IsEmpty && !context.Options.All ? null : new CheckerSubsystem(context);
    }
}
