namespace Vigil.Cli.Daemon;

/// <summary>The VRRP subsystem runs unless -C (checkers only) is given, when there are VRRP instances (or --all).</summary>
internal sealed class VrrpSubsystemFactory : ISubsystemFactory
{
    public ISubsystem? Create(DaemonContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Options.CheckerOnly && !context.Options.VrrpOnly)
        {
            return null;
        }

        return context.Config.VrrpInstances.IsEmpty && !context.Options.All ? null : new VrrpSubsystem(context);
    }
}
