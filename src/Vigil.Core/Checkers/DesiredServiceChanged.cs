namespace Vigil.Checkers;

/// <summary>The destinations a service should have changed; the data plane converges to <see cref="Service"/>.</summary>
public sealed record DesiredServiceChanged(DesiredService Service) : CheckerEvent;
