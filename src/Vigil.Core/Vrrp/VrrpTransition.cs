using System.Collections.Immutable;

namespace Vigil.Vrrp;

/// <summary>The outcome of one <see cref="VrrpInstance.Handle"/> call.</summary>
/// <param name="From">State before.</param>
/// <param name="To">State after.</param>
/// <param name="Reason">Why the state changed (<see cref="VrrpTransitionReason.None"/> when it did not).</param>
/// <param name="Effects">What to do, in order.</param>
internal sealed record VrrpTransition(VrrpState From, VrrpState To, VrrpTransitionReason Reason, ImmutableArray<VrrpEffect> Effects)
{
    public bool StateChanged => From != To;
}
