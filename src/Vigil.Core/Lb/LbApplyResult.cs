namespace Vigil.Lb;

/// <summary>
/// What <see cref="ILbBackend.Apply"/> did: the operations carried out and those that failed. Failures are
/// data: the caller logs them and applies again later (the next diff retries exactly what is missing).
/// </summary>
public sealed record LbApplyResult(IReadOnlyList<LbOperation> Applied, IReadOnlyList<LbFailure> Failed)
{
    public bool Succeeded => Failed.Count == 0;
}
