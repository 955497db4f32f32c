using Microsoft.Extensions.Logging;

namespace Vigil.Linux.Host;

/// <summary>
/// An <see cref="ILoggerProvider"/> that writes plain messages (no category, no event id) to keepalived-style
/// sinks, so operators' greps (<c>(VI_1) Entering MASTER STATE</c>) keep working. Debug lines appear only
/// with <c>-D</c> (detail), as in keepalived.
/// </summary>
public sealed class SinkLoggerProvider(IReadOnlyList<ILogSink> sinks, TimeProvider time, LogLevel minimum) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new SinkLogger(this);

    public void Dispose()
    {
        foreach (var s in _sinks)
        {
            s.Dispose();
        }
    }

    private static int Severity(LogLevel level) => level switch
    {
        LogLevel.Critical => 2,
        LogLevel.Error => 3,
        LogLevel.Warning => 4,
        LogLevel.Information => 6,
        _ => 7,
    };

    private sealed class SinkLogger(SinkLoggerProvider owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && logLevel >= owner._minimum;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var message = formatter(state, exception);
            if (exception is not null && logLevel >= LogLevel.Error)
            {
                message += " - " + exception.GetType().Name + ": " + exception.Message;
            }

            var now = owner._time.GetLocalNow();
            foreach (var sink in owner._sinks)
            {
                sink.Write(Severity(logLevel), message, now);
            }
        }
    }

    private readonly IReadOnlyList<ILogSink> _sinks = sinks;
    private readonly TimeProvider _time = time;
    private readonly LogLevel _minimum = minimum;
}
