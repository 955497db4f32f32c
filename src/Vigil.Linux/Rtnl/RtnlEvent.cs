namespace Vigil.Linux.Rtnl;

/// <summary>Something the kernel announced on an rtnetlink multicast group (see <see cref="RtnlMonitor"/>).</summary>
public abstract record RtnlEvent;
