using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using FsCheck;
using FsCheck.Fluent;
using Vigil.Linux.Netlink;
using Vigil.Linux.Rtnl;

namespace Vigil.Linux.Tests.Rtnl;

/// <summary>Malformed kernel messages are skipped, never thrown: random bytes and mutated real messages.</summary>
public class RtnlParsingFuzzTests
{
    private static readonly byte[][] Seeds =
    [
        AddressMessages.Add(AddressEntry.ForVirtualAddress(3, IPAddress.Parse("2001:db8::100"), 128) with { Protocol = 18 }, false),
        RouteMessages.Add(new RouteEntry(AddressFamily.InterNetwork)
        {
            Destination = IPAddress.Parse("198.51.100.0"),
            DestinationPrefixLength = 24,
            Metrics = [new RouteMetric(RouteMetric.Mtu, 1400, true)],
            CongestionControl = "reno",
            NextHops = [new RouteNextHop(IPAddress.Parse("192.0.2.1"), 2), new RouteNextHop(IPAddress.Parse("2001:db8::1"), 3)],
        }, RouteAddMode.Add),
        RuleMessages.Add(new RuleEntry(AddressFamily.InterNetwork) { UidRange = (1, 2), SourcePortRange = (1, 2), TunnelId = 5, InputInterface = "x" }),
        LinkMessages.CreateMacvlan(2, "vrrp.1", RtnlClient.VirtualMac(1, AddressFamily.InterNetwork), 1),
    ];

    private static void ParseEverything(RtnlMonitor monitor, byte[] datagram)
    {
        monitor.Decode(datagram);
        foreach (var msg in new NetlinkMessageEnumerator(datagram))
        {
            LinkMessages.TryParse(msg, out _);
            AddressMessages.TryParse(msg, out _);
            RouteMessages.TryParse(msg, out _);
            RuleMessages.TryParse(msg, out _);
        }
    }

    [Fact]
    public void Parsers_MutatedMessages_NeverThrow()
    {
        using var monitor = RtnlMonitor.Open(RtnlMonitorGroups.None);
        var mutations =
            from seed in Gen.Elements(Seeds)
            from position in Gen.Choose(0, 199)
            from value in Gen.Choose(0, 255)
            from type in Gen.Elements<ushort>(16, 17, 20, 21, 24, 25, 32, 33)
            select (seed, position, value, type);
        Prop.ForAll(mutations.ToArbitrary(), m =>
        {
            var bytes = (byte[])m.seed.Clone();
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(4), m.type); // parse it as another message type
            bytes[16 + (m.position % (bytes.Length - 16))] = (byte)m.value;
            ParseEverything(monitor, bytes);
            ParseEverything(monitor, bytes[..(16 + (m.position % (bytes.Length - 16)))]);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Parsers_RandomBytes_NeverThrow()
    {
        using var monitor = RtnlMonitor.Open(RtnlMonitorGroups.None);
        Prop.ForAll(ArbMap.Default.ArbFor<byte[]>(), bytes =>
        {
            if (bytes.Length >= 4)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(bytes, (uint)bytes.Length); // a plausible nlmsg_len
            }

            ParseEverything(monitor, bytes);
        }).QuickCheckThrowOnFailure();
    }
}
