namespace Vigil.Vrrp;

/// <summary>keepalived's <c>state</c> keyword: the state an instance asks for at startup.</summary>
public enum VrrpInitialState
{
    /// <summary><c>state BACKUP</c> (the default).</summary>
    Backup,

    /// <summary>
    /// <c>state MASTER</c>. Only an address owner (priority 255) becomes master at once; any other instance still starts
    /// in BACKUP and waits the full Master_Down_Interval (observed with keepalived 2.2.7), and its <c>nopreempt</c> and
    /// <c>preempt_delay</c> are ignored ("Warning - nopreempt will not work with initial state MASTER - clearing").
    /// </summary>
    Master,
}
