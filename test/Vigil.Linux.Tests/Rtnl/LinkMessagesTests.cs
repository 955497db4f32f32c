using System.Net.NetworkInformation;
using System.Net.Sockets;
using Vigil.Linux.Netlink;
using Vigil.Linux.Rtnl;

namespace Vigil.Linux.Tests.Rtnl;

public class LinkMessagesTests
{
    [Fact]
    public void CreateMacvlan_PrivateVmac_MatchesKernelLayout()
    {
        var mac = RtnlClient.VirtualMac(51, AddressFamily.InterNetwork);
        byte[] expected =
        [
            0x5c, 0, 0, 0, 0x10, 0, 0x00, 0x06, 0, 0, 0, 0, 0, 0, 0, 0,   // 92 bytes, RTM_NEWLINK, CREATE|EXCL
            0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,               // ifinfomsg: all zero
            12, 0, 3, 0, (byte)'v', (byte)'r', (byte)'r', (byte)'p', (byte)'.', (byte)'5', (byte)'1', 0, // IFLA_IFNAME
            10, 0, 1, 0, 0x00, 0x00, 0x5e, 0x00, 0x01, 0x33, 0, 0,        // IFLA_ADDRESS 00:00:5e:00:01:33 + pad
            8, 0, 5, 0, 2, 0, 0, 0,                                       // IFLA_LINK 2
            28, 0, 18, 0x80,                                              // IFLA_LINKINFO (nested)
            12, 0, 1, 0, (byte)'m', (byte)'a', (byte)'c', (byte)'v', (byte)'l', (byte)'a', (byte)'n', 0, // IFLA_INFO_KIND
            12, 0, 2, 0x80,                                               // IFLA_INFO_DATA (nested)
            8, 0, 1, 0, 1, 0, 0, 0,                                       // IFLA_MACVLAN_MODE private
        ];
        Assert.Equal(expected, LinkMessages.CreateMacvlan(2, "vrrp.51", mac, (uint)MacvlanMode.Private));
    }

    [Fact]
    public void SetUp_DownAndUp_ChangeOnlyIffUp()
    {
        var up = LinkMessages.SetUp(7, up: true);
        var down = LinkMessages.SetUp(7, up: false);
        Assert.Equal(32, up.Length);
        Assert.Equal([7, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0], up[20..32]);
        Assert.Equal([7, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0], down[20..32]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("this-name-is-too-long")]
    [InlineData("eth0:1")]
    [InlineData("a/b")]
    public void CreateMacvlan_BadName_IsRejected(string name) =>
        Assert.Throws<ArgumentException>(() => LinkMessages.CreateMacvlan(1, name, new PhysicalAddress(new byte[6]), 1));

    [Fact]
    public void VirtualMac_Ipv4AndIpv6_FollowRfc5798()
    {
        Assert.Equal("00005E000133", RtnlClient.VirtualMac(51, AddressFamily.InterNetwork).ToString());
        Assert.Equal("00005E0002FF", RtnlClient.VirtualMac(255, AddressFamily.InterNetworkV6).ToString());
        Assert.Throws<ArgumentOutOfRangeException>(() => RtnlClient.VirtualMac(0, AddressFamily.InterNetwork));
    }

    [Fact]
    public void TryParse_NewLinkWithMacvlanInfo_ReadsEveryField()
    {
        // An RTM_NEWLINK as the kernel would send it: the create message's attributes plus flags and MTU.
        var b = new NetlinkMessageBuilder(16, 0);
        var ifi = b.Reserve(16);
        ifi[2] = 1; // ARPHRD_ETHER
        ifi[4] = 9;
        ifi[8] = 0x43; // UP|BROADCAST|RUNNING
        b.PutString(3, "vrrp.51");
        b.PutU32(4, 1500);
        b.PutAttribute(1, [0, 0, 0x5e, 0, 1, 0x33]);
        b.PutU32(5, 2);
        b.PutU8(16, 6);
        var li = b.BeginNested(18);
        b.PutString(1, "macvlan");
        var d = b.BeginNested(2);
        b.PutU32(1, 1);
        b.EndNested(d);
        b.EndNested(li);

        Assert.True(LinkMessages.TryParse(new NetlinkMessage(b.ToArray()), out var link));
        Assert.Equal(9, link.Index);
        Assert.Equal("vrrp.51", link.Name);
        Assert.True(link.IsUpAndRunning);
        Assert.False(link.IsNoArp);
        Assert.Equal(1500, link.Mtu);
        Assert.Equal("00005E000133", link.Address!.ToString());
        Assert.Equal(2, link.LinkIndex);
        Assert.Equal("macvlan", link.Kind);
        Assert.Equal((uint)MacvlanMode.Private, link.MacvlanMode);
        Assert.Equal(1, link.HardwareType);
        Assert.Equal(6, link.OperState);
    }
}
