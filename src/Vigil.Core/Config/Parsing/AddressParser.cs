using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Vigil.Config.Parsing;

/// <summary>
/// Strict address parsing as inet_pton(3) does it: IPv4 only as a dotted quad of decimal octets (no "1.2" or hex
/// forms that <see cref="IPAddress.TryParse(string, out IPAddress)"/> would accept), IPv6 without a scope suffix.
/// </summary>
internal static class AddressParser
{
    public static bool TryParseAddress(ReadOnlySpan<char> text, out IPAddress address)
    {
        address = IPAddress.None;
        if (text.IsEmpty || text.Length > 45)
        {
            return false;
        }

        if (text.Contains(':'))
        {
            if (text.Contains('%') || !IPAddress.TryParse(text, out var a6) || a6.AddressFamily != AddressFamily.InterNetworkV6)
            {
                return false;
            }

            address = a6;
            return true;
        }

        Span<byte> bytes = stackalloc byte[4];
        var part = 0;
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && text[i] != '.')
            {
                if (text[i] is < '0' or > '9')
                {
                    return false;
                }

                continue;
            }

            var seg = text[start..i];
            if (part >= 4 || seg.IsEmpty || seg.Length > 3 ||
                !int.TryParse(seg, NumberStyles.None, CultureInfo.InvariantCulture, out var v) || v > 255)
            {
                return false;
            }

            bytes[part++] = (byte)v;
            start = i + 1;
        }

        if (part != 4)
        {
            return false;
        }

        address = new IPAddress(bytes);
        return true;
    }

    /// <summary>Parses <c>ADDR[/PLEN]</c>; <paramref name="prefixLength"/> is -1 when absent.</summary>
    public static bool TryParsePrefix(string text, out IPAddress address, out int prefixLength, out bool badPrefix)
    {
        prefixLength = -1;
        badPrefix = false;
        var slash = text.IndexOf('/');
        if (slash < 0)
        {
            return TryParseAddress(text, out address);
        }

        if (!TryParseAddress(text.AsSpan(0, slash), out address))
        {
            return false;
        }

        var max = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        if (!int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out prefixLength) || prefixLength > max)
        {
            badPrefix = true;
            prefixLength = max;
        }

        return true;
    }

    public static int MaxPrefix(IPAddress address) => address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;

    public static bool IsLinkLocal(IPAddress address) => address.AddressFamily == AddressFamily.InterNetworkV6 && address.IsIPv6LinkLocal;
}
