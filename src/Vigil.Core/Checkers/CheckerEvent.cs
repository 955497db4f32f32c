namespace Vigil.Checkers;

/// <summary>
/// Something the checker core decided, for the shell to act on or record. Events of one scheduler are
/// delivered in order and never concurrently (<see cref="ICheckerEventSink"/>).
/// </summary>
public abstract record CheckerEvent;
