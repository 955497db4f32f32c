using System.Net;

namespace Vigil.Lb;

/// <summary>
/// One destination of a virtual service as the data plane should program it: keepalived's
/// <c>real_server ADDR [PORT]</c> after health checks and quorum/sorry-server policy have decided it
/// belongs and with which weight. A port of 0 means "the packet's port" (fwmark services).
/// </summary>
/// <param name="Address">Real server address; its family may differ from the service's only for TUN.</param>
/// <param name="Port">Real server port (host order).</param>
/// <param name="Weight">IPVS weight; 0 keeps the server but sends it no new connections (inhibit_on_failure).</param>
/// <param name="Method">Forwarding method (<c>lvs_method</c>), default NAT.</param>
/// <param name="TunnelType">Encapsulation for TUN (default ipip).</param>
/// <param name="TunnelPort">GUE destination port (TUN type gue only).</param>
/// <param name="TunnelChecksum">GUE/GRE checksum option.</param>
/// <param name="UpperThreshold"><c>uthreshold</c>: max connections, 0 = unlimited.</param>
/// <param name="LowerThreshold"><c>lthreshold</c>: connections below which an overloaded server is used again.</param>
public sealed record RealServer(
    IPAddress Address,
    ushort Port,
    int Weight = 1,
    LvsMethod Method = LvsMethod.Nat,
    TunnelType TunnelType = TunnelType.Ipip,
    ushort TunnelPort = 0,
    TunnelChecksum TunnelChecksum = TunnelChecksum.NoCsum,
    uint UpperThreshold = 0,
    uint LowerThreshold = 0)
{
    public DestinationKey Key => new(Address, Port);

    /// <summary>
    /// The same server with settings that only matter for TUN reset to their defaults when the method is
    /// not TUN (so a value carried over from the configuration never causes a spurious edit).
    /// </summary>
    public RealServer Normalized() =>
        Method == LvsMethod.Tun
            ? (TunnelType == TunnelType.Gue ? this : this with { TunnelPort = 0 })
            : this with { TunnelType = TunnelType.Ipip, TunnelPort = 0, TunnelChecksum = TunnelChecksum.NoCsum };

    /// <summary>True when programming <paramref name="desired"/> over this (kernel) destination changes nothing.</summary>
    public bool SameSettingsAs(RealServer desired)
    {
        var a = Normalized();
        var b = desired.Normalized();
        if (a.Method == LvsMethod.Local || b.Method == LvsMethod.Local)
        {
            // The kernel turns any method into LOCALNODE for a local address (see LvsMethod.Local).
            a = a with { Method = b.Method, TunnelType = b.TunnelType, TunnelPort = b.TunnelPort, TunnelChecksum = b.TunnelChecksum };
        }

        return a == b;
    }

    public override string ToString() => $"{Key} {Method} weight {Weight}";
}
