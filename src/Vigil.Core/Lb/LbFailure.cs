namespace Vigil.Lb;

/// <summary>An operation a backend could not carry out, with the OS's reason (errno text, kernel message).</summary>
public sealed record LbFailure(LbOperation? Operation, string Message)
{
    public override string ToString() => Operation is null ? Message : $"{Operation}: {Message}";
}
