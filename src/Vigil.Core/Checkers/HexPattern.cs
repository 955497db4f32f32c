using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Vigil.Checkers;

/// <summary>
/// keepalived's free-format hex strings (UDP_CHECK <c>payload</c>, <c>require_reply</c>): whitespace
/// separates groups, each group is read two digits per byte from the left and an odd last digit is a byte
/// of its own, so <c>Ab12f 3 456</c> is AB 12 0F 03 45 06 (keepalived.conf(5)). In a reply pattern a digit
/// written X or x matches any nibble.
/// </summary>
public sealed class HexPattern
{
    private HexPattern(ImmutableArray<byte> bytes, ImmutableArray<byte> masks)
    {
        Bytes = bytes;
        Masks = masks;
    }

    /// <summary>The byte values (wildcard nibbles are 0).</summary>
    public ImmutableArray<byte> Bytes { get; }

    /// <summary>Per byte, the bits that must match (0xF0 when the low nibble is a wildcard, and so on).</summary>
    public ImmutableArray<byte> Masks { get; }

    public int Length => Bytes.Length;

    public static bool TryParse(string text, bool allowWildcards, [NotNullWhen(true)] out HexPattern? pattern)
    {
        ArgumentNullException.ThrowIfNull(text);
        var bytes = ImmutableArray.CreateBuilder<byte>();
        var masks = ImmutableArray.CreateBuilder<byte>();
        pattern = null;
        foreach (var group in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            for (var i = 0; i < group.Length; i += 2)
            {
                var hiText = group[i];
                char? loText = i + 1 < group.Length ? group[i + 1] : null;
                if (!TryNibble(hiText, allowWildcards, out var hi, out var hiMask))
                {
                    return false;
                }

                if (loText is null)
                {
                    // An odd last digit is the low nibble of a byte of its own ("f" is 0F).
                    bytes.Add(hi);
                    masks.Add((byte)(hiMask | 0xF0));
                    continue;
                }

                if (!TryNibble(loText.Value, allowWildcards, out var lo, out var loMask))
                {
                    return false;
                }

                bytes.Add((byte)((hi << 4) | lo));
                masks.Add((byte)((hiMask << 4) | loMask));
            }
        }

        pattern = new HexPattern(bytes.ToImmutable(), masks.ToImmutable());
        return true;
    }

    public static HexPattern Parse(string text, bool allowWildcards = true) =>
        TryParse(text, allowWildcards, out var p) ? p : throw new FormatException($"not a hex string: '{text}'");

    /// <summary>keepalived's comparison: the first min(reply, pattern) bytes must match.</summary>
    public bool Matches(ReadOnlySpan<byte> reply)
    {
        var n = Math.Min(reply.Length, Bytes.Length);
        for (var i = 0; i < n; i++)
        {
            if (((reply[i] ^ Bytes[i]) & Masks[i]) != 0)
            {
                return false;
            }
        }

        return true;
    }

    public override string ToString()
    {
        var sb = new StringBuilder(Bytes.Length * 3);
        for (var i = 0; i < Bytes.Length; i++)
        {
            if (i > 0)
            {
                sb.Append(' ');
            }

            AppendNibble(sb, Bytes[i] >> 4, Masks[i] >> 4);
            AppendNibble(sb, Bytes[i] & 0xF, Masks[i] & 0xF);
        }

        return sb.ToString();
    }

    private static void AppendNibble(StringBuilder sb, int value, int mask) =>
        sb.Append(mask == 0 ? 'X' : "0123456789ABCDEF"[value]);

    private static bool TryNibble(char c, bool allowWildcards, out byte value, out byte mask)
    {
        mask = 0xF;
        if (c is >= '0' and <= '9')
        {
            value = (byte)(c - '0');
            return true;
        }

        if (c is >= 'a' and <= 'f')
        {
            value = (byte)(c - 'a' + 10);
            return true;
        }

        if (c is >= 'A' and <= 'F')
        {
            value = (byte)(c - 'A' + 10);
            return true;
        }

        value = 0;
        if (allowWildcards && c is 'x' or 'X')
        {
            mask = 0;
            return true;
        }

        return false;
    }
}
