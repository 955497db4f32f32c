namespace Vigil.Linux.Rtnl;

/// <summary>What a link event means, judged against the link's previous flags.</summary>
public enum LinkChange
{
    /// <summary>A link the monitor had not seen (created, or moved into the namespace).</summary>
    Added,

    /// <summary>Became up and running (IFF_UP and IFF_RUNNING).</summary>
    Up,

    /// <summary>Stopped being up and running.</summary>
    Down,

    /// <summary>Anything else changed (MTU, MAC, name, master, other flags) with the up/running state unchanged.</summary>
    Changed,

    /// <summary>RTM_DELLINK: the link is gone.</summary>
    Deleted,
}
