using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Vigil.Lb;

/// <summary>
/// The order in which <c>ipvsadm -Ln</c> lists services and destinations (observed with ipvsadm 1.31):
/// address services before fwmark services, then by fwmark, family, protocol, address, port. Addresses
/// compare 32 bits at a time as a wrapping signed difference, which is what ipvsadm's output shows.
/// </summary>
public static class LbOrdering
{
    public static IComparer<VirtualServiceKey> Services { get; } = Comparer<VirtualServiceKey>.Create(CompareServices);

    public static IComparer<DestinationKey> Destinations { get; } = Comparer<DestinationKey>.Create(CompareDestinations);

    private static int CompareServices(VirtualServiceKey? a, VirtualServiceKey? b)
    {
        if (a is null || b is null)
        {
            return a is null ? (b is null ? 0 : -1) : 1;
        }

        var r = Sub(a.FwMark, b.FwMark);
        if (r != 0)
        {
            return r;
        }

        r = FamilyNumber(a.Family) - FamilyNumber(b.Family);
        if (r != 0 || a.IsFwMark)
        {
            return r;
        }

        r = (int)a.Protocol - (int)b.Protocol;
        if (r != 0)
        {
            return r;
        }

        r = CompareAddresses(a.Address!, b.Address!);
        return r != 0 ? r : a.Port - b.Port;
    }

    private static int CompareDestinations(DestinationKey a, DestinationKey b)
    {
        var r = FamilyNumber(a.Address.AddressFamily) - FamilyNumber(b.Address.AddressFamily);
        if (r != 0)
        {
            return r;
        }

        r = CompareAddresses(a.Address, b.Address);
        return r != 0 ? r : a.Port - b.Port;
    }

    private static int CompareAddresses(IPAddress a, IPAddress b)
    {
        Span<byte> x = stackalloc byte[16];
        Span<byte> y = stackalloc byte[16];
        x.Clear();
        y.Clear();
        a.TryWriteBytes(x, out var lx);
        b.TryWriteBytes(y, out var ly);
        var words = Math.Max(lx, ly) / 4;
        for (var i = 0; i < words; i++)
        {
            var r = Sub(BinaryPrimitives.ReadUInt32BigEndian(x[(i * 4)..]), BinaryPrimitives.ReadUInt32BigEndian(y[(i * 4)..]));
            if (r != 0)
            {
                return r;
            }
        }

        return 0;
    }

    private static int Sub(uint a, uint b) => unchecked((int)(a - b));

    private static int FamilyNumber(AddressFamily family) => family == AddressFamily.InterNetworkV6 ? 10 : 2;
}
