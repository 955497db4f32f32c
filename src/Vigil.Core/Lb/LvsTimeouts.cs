namespace Vigil.Lb;

/// <summary>
/// keepalived <c>lvs_timeouts [tcp S] [tcpfin S] [udp S]</c>: IPVS connection timeouts in seconds
/// (IPVS_CMD_SET_CONFIG). Null (or 0 on the wire) leaves the kernel's value unchanged.
/// </summary>
public sealed record LvsTimeouts(uint? Tcp, uint? TcpFin, uint? Udp);
