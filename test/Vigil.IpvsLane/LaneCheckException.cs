namespace Vigil.IpvsLane;

/// <summary>Thrown by <see cref="Expect"/>.</summary>
internal sealed class LaneCheckException(string message) : Exception(message);
