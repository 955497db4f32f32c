namespace Vigil.Vrrp;

/// <summary>Helpers over <see cref="VrrpVerdict"/>.</summary>
public static class VrrpVerdictExtensions
{
    /// <summary>Number of verdict values (for per-verdict counter arrays).</summary>
    public const int Count = (int)VrrpVerdict.UnicastSourceNotPeer + 1;

    /// <summary>The packet reaches the state machine.</summary>
    public static bool IsAccepted(this VrrpVerdict verdict) => verdict <= VrrpVerdict.AcceptedIntervalMismatch;
}
