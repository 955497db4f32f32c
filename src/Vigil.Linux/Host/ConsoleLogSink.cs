using System.Globalization;

namespace Vigil.Linux.Host;

/// <summary>
/// keepalived's console format (<c>-l</c>): <c>Sun Nov 22 04:26:04 2026: message</c> — ctime(3) in local time,
/// a colon and the message. Also used for <c>-g FILE</c> log files.
/// </summary>
public sealed class ConsoleLogSink(TextWriter writer, bool ownsWriter = false) : ILogSink
{
    private readonly object _gate = new();

    public static string FormatCtime(DateTimeOffset localTime) =>
        localTime.ToString("ddd MMM ", CultureInfo.InvariantCulture) +
        localTime.Day.ToString(CultureInfo.InvariantCulture).PadLeft(2) +
        localTime.ToString(" HH:mm:ss yyyy", CultureInfo.InvariantCulture);

    public void Write(int severity, string message, DateTimeOffset localTime)
    {
        var line = FormatCtime(localTime) + ": " + message;
        lock (_gate)
        {
            writer.WriteLine(line);
            writer.Flush();
        }
    }

    public void Dispose()
    {
        if (ownsWriter)
        {
            writer.Dispose();
        }
    }
}
