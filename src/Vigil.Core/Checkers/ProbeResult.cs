namespace Vigil.Checkers;

/// <summary>What one probe found. Probes never throw: every outcome is a verdict with an optional detail.</summary>
public sealed record ProbeResult(ProbeVerdict Verdict, string? Detail = null)
{
    public static ProbeResult Ok { get; } = new(ProbeVerdict.Success);

    public bool IsSuccess => Verdict == ProbeVerdict.Success;

    /// <summary>
    /// MISC_CHECK with misc_dynamic: the weight the script asked for (exit status − 2), or null to restore the
    /// configured weight (exit 0).
    /// </summary>
    public int? DynamicWeight { get; init; }

    /// <summary>FILE_CHECK: value × weight added to the real server weight.</summary>
    public long? WeightDelta { get; init; }

    public static ProbeResult Fail(ProbeVerdict verdict, string? detail = null) => new(verdict, detail);

    public override string ToString() => Detail is null ? Verdict.ToString() : $"{Verdict}: {Detail}";
}
