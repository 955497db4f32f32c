using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Vigil.Lb;

/// <summary>
/// One line of a keepalived <c>virtual_server_group</c> (keepalived.conf(5)): an address or address range
/// with an optional port, or a fwmark. <see cref="VirtualServerGroup.Expand"/> turns a group into one
/// service key per address (and per fwmark).
/// </summary>
public abstract record VirtualServerGroupEntry
{
    private VirtualServerGroupEntry()
    {
    }

    /// <summary>
    /// <c>ADDR [PORT]</c>, <c>A.B.C.D-E [PORT]</c>, <c>A.B.C.D-E.F.G.H [PORT]</c> or <c>A.B.C.D/nn [PORT]</c>:
    /// every address from <paramref name="First"/> to <paramref name="Last"/> inclusive.
    /// </summary>
    public sealed record AddressRange(IPAddress First, IPAddress Last, ushort Port) : VirtualServerGroupEntry
    {
        public override string ToString() =>
            (First.Equals(Last) ? $"{First}" : $"{First}-{Last}") + (Port == 0 ? "" : string.Create(CultureInfo.InvariantCulture, $" {Port}"));
    }

    /// <summary><c>fwmark N [inet|inet6]</c>; a null family means "the family of the real servers".</summary>
    public sealed record FwMark(uint Mark, AddressFamily? Family) : VirtualServerGroupEntry
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"fwmark {Mark}");
    }

    /// <summary>
    /// Parses the address part of a group line: "192.0.2.1", "192.0.2.1-10" (last octet range, decimal),
    /// "192.0.2.250-198.51.100.3" (full addresses), "192.0.2.8/29" (every address of the prefix, network
    /// and broadcast included), and the IPv6 forms, where a short range end is the last 16-bit group in hex
    /// ("2001:db8::1-1f").
    /// </summary>
    public static bool TryParseRange(string text, ushort port, out AddressRange? range, out string? error)
    {
        range = null;
        error = null;
        ArgumentNullException.ThrowIfNull(text);
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            if (!IPAddress.TryParse(text.AsSpan(0, slash), out var baseAddress) ||
                !int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var prefix) ||
                prefix > (baseAddress.AddressFamily == AddressFamily.InterNetwork ? 32 : 128))
            {
                error = $"'{text}' is not an address/prefix";
                return false;
            }

            var bits = baseAddress.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
            var value = ToNumber(baseAddress);
            var hostMask = prefix == bits ? UInt128.Zero : (UInt128.One << (bits - prefix)) - 1;
            range = new AddressRange(FromNumber(value & ~hostMask, baseAddress.AddressFamily), FromNumber(value | hostMask, baseAddress.AddressFamily), port);
            return true;
        }

        var dash = text.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0)
        {
            if (!IPAddress.TryParse(text, out var single))
            {
                error = $"'{text}' is not an address";
                return false;
            }

            range = new AddressRange(single, single, port);
            return true;
        }

        if (!IPAddress.TryParse(text.AsSpan(0, dash), out var first))
        {
            error = $"'{text}' does not start with an address";
            return false;
        }

        var endText = text.AsSpan(dash + 1);
        IPAddress last;
        if (IPAddress.TryParse(endText, out var full) && full.AddressFamily == first.AddressFamily && (endText.Contains('.') || endText.Contains(':')))
        {
            last = full;
        }
        else
        {
            var v4 = first.AddressFamily == AddressFamily.InterNetwork;
            if (!uint.TryParse(endText, v4 ? NumberStyles.None : NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var end) ||
                end > (v4 ? 255u : 0xffffu))
            {
                error = $"'{text}': range end '{endText}' is not {(v4 ? "0-255" : "a 16-bit hex group")}";
                return false;
            }

            var lowBits = v4 ? 8 : 16;
            var mask = (UInt128.One << lowBits) - 1;
            last = FromNumber((ToNumber(first) & ~mask) | end, first.AddressFamily);
        }

        if (ToNumber(last) < ToNumber(first))
        {
            error = $"'{text}': range end is below its start";
            return false;
        }

        range = new AddressRange(first, last, port);
        return true;
    }

    internal static UInt128 ToNumber(IPAddress address)
    {
        Span<byte> b = stackalloc byte[16];
        address.TryWriteBytes(b, out var n);
        return n == 4 ? BinaryPrimitives.ReadUInt32BigEndian(b) : BinaryPrimitives.ReadUInt128BigEndian(b);
    }

    internal static IPAddress FromNumber(UInt128 value, AddressFamily family)
    {
        Span<byte> b = stackalloc byte[16];
        if (family == AddressFamily.InterNetwork)
        {
            BinaryPrimitives.WriteUInt32BigEndian(b, (uint)value);
            return new IPAddress(b[..4]);
        }

        BinaryPrimitives.WriteUInt128BigEndian(b, value);
        return new IPAddress(b);
    }
}
