using Vigil.Checkers;

namespace Vigil.Checkers.Tests;

/// <summary>Collects events in order.</summary>
internal sealed class RecordingSink : ICheckerEventSink
{
    private readonly List<CheckerEvent> _events = [];

    public IReadOnlyList<CheckerEvent> Events
    {
        get
        {
            lock (_events)
            {
                return [.. _events];
            }
        }
    }

    public IEnumerable<string> FifoText => Events.OfType<NotifyFifoLine>().Select(l => l.Text.TrimEnd('\n'));

    public void Publish(CheckerEvent checkerEvent)
    {
        lock (_events)
        {
            _events.Add(checkerEvent);
        }
    }

    public void Clear()
    {
        lock (_events)
        {
            _events.Clear();
        }
    }
}
