namespace Vigil.Linux.Host;

/// <summary>Where log lines go; each sink formats the line the way its medium expects.</summary>
public interface ILogSink : IDisposable
{
    /// <summary>Writes one line. <paramref name="severity"/> uses syslog numbers (3 err … 7 debug).</summary>
    void Write(int severity, string message, DateTimeOffset localTime);
}
