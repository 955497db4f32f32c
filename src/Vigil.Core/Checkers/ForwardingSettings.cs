namespace Vigil.Checkers;

/// <summary>
/// <c>lvs_method NAT|DR|TUN [type ipip|gue port N|gre] [nocsum|csum|remcsum]</c> of a service, a real
/// server or the sorry server.
/// </summary>
public sealed record ForwardingSettings(
    ForwardingMethod Method,
    TunnelType TunnelType = TunnelType.Ipip,
    int TunnelPort = 0,
    TunnelChecksum TunnelChecksum = TunnelChecksum.NoChecksum)
{
    public static ForwardingSettings Nat { get; } = new(ForwardingMethod.Nat);

    public static ForwardingSettings DirectRouting { get; } = new(ForwardingMethod.DirectRouting);
}
