using System.Net;
using Vigil.Checkers;

namespace Vigil.Checkers.Tests;

public class NotifyFifoLineTests
{
    // Every expected line below was read from keepalived 2.2.7's lvs_notify_fifo in the IPVS lane.
    public static TheoryData<VirtualServiceKey, bool, string> ServiceLines => new()
    {
        { VirtualServiceKey.ForAddress(IPAddress.Parse("192.0.2.100"), 80, TransportProtocol.Tcp), true, "VS [192.0.2.100]:tcp:80 UP\n" },
        { VirtualServiceKey.ForAddress(IPAddress.Parse("192.0.2.103"), 53, TransportProtocol.Udp), false, "VS [192.0.2.103]:udp:53 DOWN\n" },
        { VirtualServiceKey.ForAddress(IPAddress.Parse("2001:db8::100"), 443, TransportProtocol.Udp), true, "VS [2001:db8::100]:udp:443 UP\n" },
        { VirtualServiceKey.ForFwMark(7), true, "VS FWM 7 UP\n" },
        { VirtualServiceKey.ForFwMark(7), false, "VS FWM 7 DOWN\n" },
        { VirtualServiceKey.ForGroup("G1"), true, "VS [G1]:0 UP\n" },
        { VirtualServiceKey.ForAddress(IPAddress.Parse("192.0.2.1"), 5060, TransportProtocol.Sctp), true, "VS [192.0.2.1]:sctp:5060 UP\n" },
    };

    public static TheoryData<VirtualServiceKey, string, int, bool, string> ServerLines => new()
    {
        { VirtualServiceKey.ForAddress(IPAddress.Parse("192.0.2.100"), 80), "192.0.2.10", 8080, false, "RS [192.0.2.10]:tcp:8080 [192.0.2.100]:tcp:80 DOWN\n" },
        { VirtualServiceKey.ForAddress(IPAddress.Parse("2001:db8::100"), 443, TransportProtocol.Udp), "2001:db8::10", 8081, true, "RS [2001:db8::10]:udp:8081 [2001:db8::100]:udp:443 UP\n" },
        { VirtualServiceKey.ForFwMark(7), "192.0.2.10", 0, false, "RS [192.0.2.10]:none:0 FWM 7 DOWN\n" },
        { VirtualServiceKey.ForGroup("G1"), "192.0.2.20", 53, false, "RS [192.0.2.20]:tcp:53 [G1]:0 DOWN\n" },
        { VirtualServiceKey.ForGroup("G1", 0, TransportProtocol.Udp), "192.0.2.20", 53, true, "RS [192.0.2.20]:udp:53 [G1]:0 UP\n" },
    };

    [Theory]
    [MemberData(nameof(ServiceLines))]
    public void VirtualServer_EachServiceKind_KeepalivedFormat(VirtualServiceKey key, bool up, string expected) =>
        Assert.Equal(expected, NotifyFifoLine.VirtualServer(key, up).Text);

    [Theory]
    [MemberData(nameof(ServerLines))]
    public void RealServer_EachServiceKind_KeepalivedFormat(VirtualServiceKey key, string address, int port, bool up, string expected) =>
        Assert.Equal(expected, NotifyFifoLine.RealServer(key, new RealServerKey(IPAddress.Parse(address), port), up).Text);

    [Fact]
    public void ToBytes_Line_AsciiWithNewlineAndNoTrailingNul()
    {
        var bytes = NotifyFifoLine.VirtualServer(VirtualServiceKey.ForFwMark(1), true).ToBytes();
        Assert.Equal("VS FWM 1 UP\n"u8.ToArray(), bytes);
    }
}
