namespace Vigil.Checkers;

/// <summary>What a probe result did to its checker.</summary>
public enum CheckerTransition
{
    None,
    Up,
    Down,
}
