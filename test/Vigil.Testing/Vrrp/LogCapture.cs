using Microsoft.Extensions.Logging;

namespace Vigil.Testing.Vrrp;

/// <summary>An <see cref="ILogger"/> that keeps every formatted line (and its level and event id) for assertions.</summary>
public sealed class LogCapture : ILogger
{
    private readonly object _gate = new();
    private readonly List<LogLine> _lines = [];
    private readonly Func<TimeSpan>? _clock;

    public LogCapture(Func<TimeSpan>? clock = null) => _clock = clock;

    public IReadOnlyList<LogLine> Lines
    {
        get
        {
            lock (_gate)
            {
                return [.. _lines];
            }
        }
    }

    /// <summary>The messages only, in order.</summary>
    public IReadOnlyList<string> Messages => [.. Lines.Select(l => l.Message)];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        var line = new LogLine(_clock?.Invoke() ?? TimeSpan.Zero, logLevel, eventId.Id, formatter(state, exception), exception);
        lock (_gate)
        {
            _lines.Add(line);
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _lines.Clear();
        }
    }
}
