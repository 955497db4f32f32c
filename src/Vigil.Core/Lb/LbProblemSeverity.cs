namespace Vigil.Lb;

/// <summary>How bad an <see cref="LbProblem"/> is.</summary>
public enum LbProblemSeverity
{
    /// <summary>The kernel (or the backend) would refuse it: the service cannot be programmed as given.</summary>
    Error,

    /// <summary>Programmable, but probably not what the operator meant.</summary>
    Warning,
}
