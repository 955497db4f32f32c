namespace Vigil.Checkers;

/// <summary>
/// A service gained or lost quorum. <see cref="Description"/> is keepalived's log text, e.g.
/// <c>Gained quorum 3+1=4 &lt;= 8 for VS [192.0.2.100]:tcp:80</c> or <c>Lost quorum 1-0=1 &gt; 0 for VS FWM 7</c>.
/// </summary>
public sealed record QuorumChanged(VirtualServiceKey Service, bool Up, int WeightSum, bool AtStartup, string Description) : CheckerEvent;
