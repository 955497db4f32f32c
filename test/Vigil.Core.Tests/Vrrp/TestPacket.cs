using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Vigil.Vrrp.Packet;

namespace Vigil.Vrrp.Tests;

/// <summary>
/// Builds VRRP payloads field by field, including wrong ones (the same knobs as the crafted packets that were sent to
/// keepalived 2.2.7 to observe its verdicts and log lines).
/// </summary>
internal sealed record TestPacket
{
    public int Version { get; init; } = 2;

    public int Type { get; init; } = 1;

    public int Vrid { get; init; } = 51;

    public int Priority { get; init; } = 100;

    public int? Count { get; init; }

    public int AuthType { get; init; }

    public string? Pass { get; init; }

    /// <summary>Seconds for v2, centiseconds for v3; null = 1 s.</summary>
    public int? Interval { get; init; }

    public string[] Vips { get; init; } = ["192.0.2.100"];

    public ushort? Checksum { get; init; }

    public bool PseudoHeader { get; init; } = true;

    public int Extra { get; init; }

    public int? Truncate { get; init; }

    public string Source { get; init; } = "192.0.2.3";

    public string Destination { get; init; } = "224.0.0.18";

    public byte Ttl { get; init; } = 255;

    public bool Unicast { get; init; }

    public AddressFamily Family => IPAddress.Parse(Source).AddressFamily;

    public byte[] Build()
    {
        var size = Family == AddressFamily.InterNetwork ? 4 : 16;
        var auth = Version == 2 ? 8 : 0;
        var body = new byte[8 + (Vips.Length * size) + auth];
        body[0] = (byte)((Version << 4) | Type);
        body[1] = (byte)Vrid;
        body[2] = (byte)Priority;
        body[3] = (byte)(Count ?? Vips.Length);
        if (Version == 2)
        {
            body[4] = (byte)AuthType;
            body[5] = (byte)(Interval ?? 1);
            VrrpCodec.WritePassAuthData(Pass, body.AsSpan(body.Length - 8));
        }
        else
        {
            BinaryPrimitives.WriteUInt16BigEndian(body.AsSpan(4), (ushort)((Interval ?? 100) & 0x0FFF));
        }

        for (var i = 0; i < Vips.Length; i++)
        {
            IPAddress.Parse(Vips[i]).TryWriteBytes(body.AsSpan(8 + (i * size), size), out _);
        }

        var mode = Version == 2 || !PseudoHeader ? VrrpChecksumMode.MessageOnly : VrrpChecksumMode.PseudoHeader;
        var checksum = Checksum ?? VrrpCodec.ComputeChecksum(body, mode, IPAddress.Parse(Source), IPAddress.Parse(Destination));
        BinaryPrimitives.WriteUInt16BigEndian(body.AsSpan(6), checksum);
        var packet = body.Concat(new byte[Extra]).ToArray();
        return Truncate is int t ? packet[..t] : packet;
    }

    public VrrpReceiveMeta Meta(string interfaceName = "eth0") =>
        new(interfaceName, IPAddress.Parse(Source), IPAddress.Parse(Destination), Ttl, Unicast)
        {
            IpHeaderLength = Family == AddressFamily.InterNetwork ? 20 : 40,
        };
}
