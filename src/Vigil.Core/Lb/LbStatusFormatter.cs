using System.Globalization;
using System.Net;
using System.Text;

namespace Vigil.Lb;

/// <summary>
/// Prints a load-balancer table the way <c>ipvsadm -Ln</c> does (columns, ordering, flag words observed
/// with ipvsadm 1.31 on Linux 6.1), for <c>vigil --lvs-status</c>. For IPVS the output equals ipvsadm's
/// apart from trailing blanks; nftables has no active/inactive connection counts, so its last column is
/// the number of connections scheduled to each server instead.
/// </summary>
public static class LbStatusFormatter
{
    public static string Format(LbSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var ipvs = snapshot.Backend == "ipvs";
        var sb = new StringBuilder();
        sb.Append(snapshot.Header).Append('\n');
        sb.Append("Prot LocalAddress:Port Scheduler Flags\n");
        sb.Append(ipvs
            ? "  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n"
            : "  -> RemoteAddress:Port           Forward Weight Conns\n");
        foreach (var s in snapshot.State.Canonical().Services)
        {
            sb.Append(ServiceLine(s)).Append('\n');
            foreach (var d in s.Destinations)
            {
                var c = snapshot.Counters.TryGetValue((s.Key, d.Key), out var found) ? found : DestinationCounters.Zero;
                var counts = ipvs
                    ? string.Create(CultureInfo.InvariantCulture, $"{c.ActiveConnections,-10} {c.InactiveConnections}")
                    : c.Connections.ToString(CultureInfo.InvariantCulture);
                sb.Append(CultureInfo.InvariantCulture, $"  -> {d.Key,-28} {MethodName(d.Method),-7} {d.Weight,-6} {counts}\n");
            }
        }

        return sb.ToString();
    }

    /// <summary>"TCP  192.0.2.1:443 sh (sh-fallback,sh-port) persistent 300 mask 255.255.255.0", "UDP  192.0.2.1:53 wlc ops".</summary>
    public static string ServiceLine(VirtualService service)
    {
        ArgumentNullException.ThrowIfNull(service);
        var s = service.Normalized();
        var sb = new StringBuilder();
        sb.Append(s.Key).Append(' ').Append(s.Scheduler);
        var flags = SchedulerFlagNames.Describe(s.Scheduler, s.SchedulerFlags);
        if (flags.Length > 0)
        {
            sb.Append(" (").Append(flags).Append(')');
        }

        if (s.IsPersistent)
        {
            sb.Append(CultureInfo.InvariantCulture, $" persistent {s.PersistenceTimeout}");
            if (s.PersistenceGranularity is int prefix)
            {
                sb.Append(" mask ").Append(s.Key.Family == System.Net.Sockets.AddressFamily.InterNetworkV6
                    ? prefix.ToString(CultureInfo.InvariantCulture)
                    : new IPAddress(MaskBytes(prefix)).ToString());
            }

            if (s.PersistenceEngine is { Length: > 0 } pe)
            {
                sb.Append(" pe ").Append(pe);
            }
        }

        if (s.OnePacket)
        {
            sb.Append(" ops");
        }

        return sb.ToString();
    }

    /// <summary>As <c>ipvsadm -Ln --timeout</c>: "Timeout (tcp tcpfin udp): 900 120 300".</summary>
    public static string FormatTimeouts(LvsTimeouts timeouts)
    {
        ArgumentNullException.ThrowIfNull(timeouts);
        return string.Create(CultureInfo.InvariantCulture, $"Timeout (tcp tcpfin udp): {timeouts.Tcp ?? 0} {timeouts.TcpFin ?? 0} {timeouts.Udp ?? 0}");
    }

    /// <summary>
    /// As <c>ipvsadm -Ln --daemon</c>: "master sync daemon (mcast=eth0, syncid=5, maxlen=1472, group=224.0.0.81, port=8848, ttl=1)";
    /// settings the kernel did not report are left out.
    /// </summary>
    public static string FormatSyncDaemon(SyncDaemon daemon)
    {
        ArgumentNullException.ThrowIfNull(daemon);
        var sb = new StringBuilder();
        sb.Append(daemon.State == SyncDaemonState.Master ? "master" : "backup");
        sb.Append(CultureInfo.InvariantCulture, $" sync daemon (mcast={daemon.Interface}, syncid={daemon.SyncId}");
        if (daemon.MaxLength is ushort maxLen)
        {
            sb.Append(CultureInfo.InvariantCulture, $", maxlen={maxLen}");
        }

        if (daemon.Group is IPAddress group)
        {
            sb.Append(", group=").Append(group);
        }

        if (daemon.Port is ushort port)
        {
            sb.Append(CultureInfo.InvariantCulture, $", port={port}");
        }

        if (daemon.Ttl is byte ttl)
        {
            sb.Append(CultureInfo.InvariantCulture, $", ttl={ttl}");
        }

        return sb.Append(')').ToString();
    }

    /// <summary>ipvsadm's forwarding column.</summary>
    public static string MethodName(LvsMethod method) => method switch
    {
        LvsMethod.Nat => "Masq",
        LvsMethod.Dr => "Route",
        LvsMethod.Tun => "Tunnel",
        LvsMethod.Local => "Local",
        _ => method.ToString(),
    };

    private static byte[] MaskBytes(int prefix)
    {
        var mask = prefix == 0 ? 0u : uint.MaxValue << (32 - prefix);
        return [(byte)(mask >> 24), (byte)(mask >> 16), (byte)(mask >> 8), (byte)mask];
    }
}
