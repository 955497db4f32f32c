namespace Vigil.Checkers;

/// <summary>Creates the probe of a checker once, when the scheduler is built.</summary>
public interface IHealthProbeFactory
{
    IHealthProbe Create(VirtualServerSettings service, RealServerSettings server, CheckerSettings checker);
}
