namespace Vigil.Checkers;

/// <summary>
/// Receives the events of a <see cref="CheckerScheduler"/>, in order, one at a time. Implementations must
/// return quickly (queue work, don't run scripts inline); an exception is counted and swallowed.
/// </summary>
public interface ICheckerEventSink
{
    void Publish(CheckerEvent checkerEvent);
}
