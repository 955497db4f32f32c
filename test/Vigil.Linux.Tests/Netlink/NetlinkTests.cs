using System.Buffers.Binary;
using System.Net;
using Vigil.Linux.Interop;
using Vigil.Linux.Netlink;
using Vigil.Testing;

namespace Vigil.Linux.Tests.Netlink;

public class NetlinkMessageBuilderTests
{
    [Fact]
    public void Builder_WritesHeaderAlignedAttributesAndNestedLength()
    {
        var b = new NetlinkMessageBuilder(type: 20, flags: 0x0500);
        b.Write([2, 24, 0, 0, 1, 0, 0, 0]); // ifaddrmsg-like 8 bytes
        b.PutU8(9, 7);
        var nest = b.BeginNested(3);
        b.PutU16BigEndian(4, 80);
        b.PutString(6, "wlc");
        b.EndNested(nest);
        var bytes = b.ToArray();

        byte[] expected =
        [
            52, 0, 0, 0, 20, 0, 0x00, 0x05, 0, 0, 0, 0, 0, 0, 0, 0, // nlmsghdr
            2, 24, 0, 0, 1, 0, 0, 0,                               // family header
            5, 0, 9, 0, 7, 0, 0, 0,                                // u8 attr, padded
            20, 0, 3, 0x80,                                        // nested header with NLA_F_NESTED
            6, 0, 4, 0, 0, 80, 0, 0,                               // port, big endian, padded
            8, 0, 6, 0, (byte)'w', (byte)'l', (byte)'c', 0,        // NUL-terminated string
        ];
        Assert.Equal(expected, bytes);
    }

    [Fact]
    public void Reader_RoundTripsAttributesAndStopsOnTruncation()
    {
        var b = new NetlinkMessageBuilder(16, 0);
        b.Reserve(4);
        b.PutU32(1, 0xdeadbeef);
        b.PutAddress(2, IPAddress.Parse("192.0.2.7"));
        var bytes = b.ToArray();

        var count = 0;
        foreach (var msg in new NetlinkMessageEnumerator(bytes))
        {
            count++;
            Assert.True(msg.Attributes(4).TryGet(1, out var u32));
            Assert.Equal(0xdeadbeef, u32.U32);
            Assert.True(msg.Attributes(4).TryGet(2, out var addr));
            Assert.Equal(IPAddress.Parse("192.0.2.7"), addr.Address);
        }

        Assert.Equal(1, count);

        // A length that claims more than the buffer holds yields nothing rather than throwing.
        var bad = (byte[])bytes.Clone();
        BinaryPrimitives.WriteUInt32LittleEndian(bad, 4096);
        foreach (var unused in new NetlinkMessageEnumerator(bad))
        {
            Assert.Fail("a truncated message must not be yielded");
        }
    }
}

public class NetlinkSocketTests
{
    private const ushort RTM_NEWADDR = 20;

    private static byte[] NewAddress(int ifindex, string address, byte prefix)
    {
        var b = new NetlinkMessageBuilder(RTM_NEWADDR, Vigil.Linux.Netlink.Netlink.NLM_F_CREATE | Vigil.Linux.Netlink.Netlink.NLM_F_EXCL);
        var ifa = b.Reserve(8); // struct ifaddrmsg
        ifa[0] = Libc.AF_INET;
        ifa[1] = prefix;
        BinaryPrimitives.WriteInt32LittleEndian(ifa[4..], ifindex);
        b.PutAddress(2, IPAddress.Parse(address)); // IFA_LOCAL
        b.PutAddress(1, IPAddress.Parse(address)); // IFA_ADDRESS
        return b.ToArray();
    }

    [NetFact]
    public void Request_AddsAddressAndReportsEexistWithErrno()
    {
        using var lab = new Lab();
        var h = lab.Host("h");
        h.Ip("link", "add", "v0", "type", "veth", "peer", "name", "v1");
        h.Ip("link", "set", "v0", "up");
        var ifindex = int.Parse(h.Exec("cat", "/sys/class/net/v0/ifindex").StdOut.Trim(), System.Globalization.CultureInfo.InvariantCulture);

        var error = h.Run(() =>
        {
            using var nl = NetlinkSocket.Open(Vigil.Linux.Netlink.Netlink.NETLINK_ROUTE);
            nl.Request(NewAddress(ifindex, "192.0.2.10", 24), "add address");
            var e = Assert.Throws<NetlinkException>(() => nl.Request(NewAddress(ifindex, "192.0.2.10", 24), "add address again"));
            return e.Errno;
        });

        Assert.Equal(Errno.EEXIST, error);
        Assert.True(h.HasAddress("192.0.2.10"));
    }

    [NetFact]
    public void GenericNetlink_ResolvesControllerAndReportsAbsentFamilyAsNull()
    {
        using var lab = new Lab();
        var h = lab.Host("h");
        var (ctrl, missing) = h.Run(() =>
        {
            using var nl = NetlinkSocket.Open(Vigil.Linux.Netlink.Netlink.NETLINK_GENERIC);
            return (GenericNetlink.Resolve(nl, "nlctrl"), GenericNetlink.Resolve(nl, "no-such-family"));
        });

        Assert.NotNull(ctrl);
        Assert.Equal(GenericNetlink.GENL_ID_CTRL, ctrl.Id);
        Assert.True(ctrl.MulticastGroups.ContainsKey("notify"));
        Assert.Null(missing);
    }
}
