namespace Vigil.Checkers;

/// <summary><c>lvs_method</c> (also <c>lb_kind</c>): how the load balancer reaches a destination.</summary>
public enum ForwardingMethod
{
    /// <summary><c>NAT</c> (keepalived's default).</summary>
    Nat,

    /// <summary><c>DR</c>, direct routing.</summary>
    DirectRouting,

    /// <summary><c>TUN</c>, tunnelling.</summary>
    Tunnel,
}
