using Microsoft.Extensions.Logging;

namespace Vigil.Testing.Vrrp;

/// <summary>One captured log line.</summary>
/// <param name="At">Virtual time it was written.</param>
/// <param name="Level">Level.</param>
/// <param name="EventId">Event id.</param>
/// <param name="Message">Formatted message.</param>
/// <param name="Exception">Attached exception, if any.</param>
public sealed record LogLine(TimeSpan At, LogLevel Level, int EventId, string Message, Exception? Exception);
