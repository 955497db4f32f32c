using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Vigil.Lb;

/// <summary>
/// Identity of a virtual service, as IPVS keys it: (family, protocol, address, port) for
/// <c>virtual_server ADDR PORT</c>, or (family, fwmark) for <c>virtual_server fwmark N</c>. Build one
/// with <see cref="ForAddress"/> or <see cref="ForFwMark"/>; for fwmark services Protocol, Address and
/// Port are unused (IPVS dumps them without PROTOCOL/ADDR/PORT).
/// </summary>
public sealed record VirtualServiceKey
{
    private VirtualServiceKey(AddressFamily family, LbProtocol protocol, IPAddress? address, ushort port, uint fwMark)
    {
        Family = family;
        Protocol = protocol;
        Address = address;
        Port = port;
        FwMark = fwMark;
    }

    public AddressFamily Family { get; }

    public LbProtocol Protocol { get; }

    /// <summary>The virtual address; null for fwmark services.</summary>
    public IPAddress? Address { get; }

    public ushort Port { get; }

    /// <summary>The firewall mark; 0 for address services.</summary>
    public uint FwMark { get; }

    public bool IsFwMark => FwMark != 0;

    public static VirtualServiceKey ForAddress(LbProtocol protocol, IPAddress address, ushort port)
    {
        ArgumentNullException.ThrowIfNull(address);
        return new(address.AddressFamily, protocol, address, port, 0);
    }

    /// <summary>A fwmark service; <paramref name="family"/> is keepalived's <c>ip_family</c> (or the real servers' family).</summary>
    public static VirtualServiceKey ForFwMark(uint fwMark, AddressFamily family = AddressFamily.InterNetwork)
    {
        ArgumentOutOfRangeException.ThrowIfZero(fwMark);
        if (family is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6))
        {
            throw new ArgumentOutOfRangeException(nameof(family), family, "inet or inet6");
        }

        return new(family, LbProtocol.Tcp, null, 0, fwMark);
    }

    /// <summary>As <c>ipvsadm -Ln</c> prints it: "TCP  192.0.2.1:80", "SCTP [2001:db8::1]:9", "FWM  7", "FWM  7 IPv6".</summary>
    public override string ToString()
    {
        if (IsFwMark)
        {
            return Family == AddressFamily.InterNetworkV6
                ? string.Create(CultureInfo.InvariantCulture, $"FWM  {FwMark} IPv6")
                : string.Create(CultureInfo.InvariantCulture, $"FWM  {FwMark}");
        }

        return $"{ProtocolName(Protocol),-4} {Endpoint(Address!, Port)}";
    }

    public bool Equals(VirtualServiceKey? other) =>
        other is not null && Family == other.Family && FwMark == other.FwMark &&
        (IsFwMark || (Protocol == other.Protocol && Port == other.Port && Address!.Equals(other.Address)));

    public override int GetHashCode() =>
        IsFwMark ? HashCode.Combine(Family, FwMark) : HashCode.Combine(Family, Protocol, Address, Port);

    internal static string ProtocolName(LbProtocol protocol) => protocol switch
    {
        LbProtocol.Tcp => "TCP",
        LbProtocol.Udp => "UDP",
        LbProtocol.Sctp => "SCTP",
        _ => ((int)protocol).ToString(CultureInfo.InvariantCulture),
    };

    internal static string Endpoint(IPAddress address, ushort port) =>
        address.AddressFamily == AddressFamily.InterNetworkV6
            ? string.Create(CultureInfo.InvariantCulture, $"[{address}]:{port}")
            : string.Create(CultureInfo.InvariantCulture, $"{address}:{port}");
}
