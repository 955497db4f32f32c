using System.Net;
using System.Net.Sockets;
using Vigil.Linux.Interop;

namespace Vigil.Linux.Rtnl;

/// <summary>Maps between .NET address families and the kernel's AF_* byte in rtnetlink family headers.</summary>
internal static class RtnlFamily
{
    public static byte ToKernel(AddressFamily family) => family switch
    {
        AddressFamily.InterNetwork => Libc.AF_INET,
        AddressFamily.InterNetworkV6 => Libc.AF_INET6,
        AddressFamily.Unspecified => 0,
        _ => throw new ArgumentOutOfRangeException(nameof(family), family, "only IPv4 and IPv6"),
    };

    public static AddressFamily FromKernel(byte family) => family switch
    {
        Libc.AF_INET => AddressFamily.InterNetwork,
        Libc.AF_INET6 => AddressFamily.InterNetworkV6,
        _ => AddressFamily.Unspecified,
    };

    public static int MaxPrefix(AddressFamily family) => family == AddressFamily.InterNetworkV6 ? 128 : 32;

    public static void CheckPrefix(AddressFamily family, int prefixLength, string what)
    {
        if (prefixLength < 0 || prefixLength > MaxPrefix(family))
        {
            throw new ArgumentOutOfRangeException(what, prefixLength, $"prefix length must be 0..{MaxPrefix(family)}");
        }
    }

    public static void CheckFamily(IPAddress? address, AddressFamily family, string what)
    {
        if (address is not null && address.AddressFamily != family)
        {
            throw new ArgumentException($"{what} {address} is not {family}", what);
        }
    }
}
