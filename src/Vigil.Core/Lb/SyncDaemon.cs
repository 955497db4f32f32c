using System.Net;

namespace Vigil.Lb;

/// <summary>
/// keepalived <c>lvs_sync_daemon IF [[inst] VI] [id N] [maxlen N] [port N] [ttl N] [group ADDR]</c>: one IPVS
/// sync daemon (IPVS_CMD_NEW_DAEMON). Which role runs follows the VRRP instance (the integrator decides);
/// null optional fields leave the kernel's defaults (port 8848, group 224.0.0.81, ttl 1).
/// </summary>
/// <param name="State">Master sends, backup receives.</param>
/// <param name="Interface">Multicast interface name (at most 15 bytes).</param>
/// <param name="SyncId">keepalived <c>id</c> (0-255, default 0).</param>
/// <param name="MaxLength">keepalived <c>maxlen</c>: UDP payload size.</param>
/// <param name="Port">keepalived <c>port</c>: multicast port.</param>
/// <param name="Ttl">keepalived <c>ttl</c>: multicast TTL.</param>
/// <param name="Group">keepalived <c>group</c>: IPv4 or IPv6 multicast group.</param>
public sealed record SyncDaemon(
    SyncDaemonState State,
    string Interface,
    uint SyncId = 0,
    ushort? MaxLength = null,
    ushort? Port = null,
    byte? Ttl = null,
    IPAddress? Group = null);
