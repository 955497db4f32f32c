namespace Vigil.Checkers;

/// <summary>Why a destination is in a desired service.</summary>
public enum DestinationRole
{
    RealServer,
    SorryServer,
}
