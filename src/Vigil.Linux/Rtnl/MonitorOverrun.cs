namespace Vigil.Linux.Rtnl;

/// <summary>
/// The kernel dropped events because the monitor socket's buffer was full (ENOBUFS). Whatever state the consumer
/// derives from events must be re-read with a dump (link state is re-read by the monitor itself).
/// </summary>
public sealed record MonitorOverrun : RtnlEvent;
