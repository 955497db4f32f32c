namespace Vigil.Checkers;

/// <summary>Which configured script a <see cref="NotifyScriptRequested"/> runs.</summary>
public enum NotifyKind
{
    /// <summary><c>notify_up</c> of a real server.</summary>
    RealServerUp,

    /// <summary><c>notify_down</c> of a real server.</summary>
    RealServerDown,

    /// <summary><c>quorum_up</c> of a virtual server.</summary>
    QuorumUp,

    /// <summary><c>quorum_down</c> of a virtual server.</summary>
    QuorumDown,
}
