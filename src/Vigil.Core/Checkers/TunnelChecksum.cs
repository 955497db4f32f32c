namespace Vigil.Checkers;

/// <summary><c>lvs_method TUN ... [nocsum|csum|remcsum]</c>.</summary>
public enum TunnelChecksum
{
    NoChecksum,
    Checksum,
    RemoteChecksum,
}
