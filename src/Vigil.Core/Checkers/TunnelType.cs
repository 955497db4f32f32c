namespace Vigil.Checkers;

/// <summary><c>lvs_method TUN type ipip|gue|gre</c>.</summary>
public enum TunnelType
{
    Ipip,
    Gue,
    Gre,
}
