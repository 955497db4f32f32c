namespace Vigil.Lb;

/// <summary>A problem with a desired table, naming the service (and destination) it is about.</summary>
public sealed record LbProblem(LbProblemSeverity Severity, VirtualServiceKey? Service, DestinationKey? Destination, string Message)
{
    public override string ToString()
    {
        var where = Service is null ? "" : Destination is null ? $"virtual server {Service}: " : $"virtual server {Service}, real server {Destination}: ";
        return $"{(Severity == LbProblemSeverity.Error ? "error" : "warning")}: {where}{Message}";
    }
}
