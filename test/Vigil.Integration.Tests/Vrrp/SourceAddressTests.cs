using Vigil.Testing;
using Vigil.Testing.Nodes;

namespace Vigil.Integration.Tests.Vrrp;

/// <summary>
/// A configured <c>unicast_src_ip</c> that is not on the host: FAULT with keepalived 2.2.7's lines (the same test runs
/// keepalived). Vigil goes on where keepalived stops: it leaves FAULT when the address is added, and with
/// <c>track_src_ip</c> a removal after start is a FAULT until the address is back (the man page's meaning).
/// </summary>
public class SourceAddressTests
{
    private const string Config = """
        vrrp_instance VI_1 {
            state MASTER
            interface eth0
            virtual_router_id 51
            priority 150
            advert_int 1
            {{TRACK}}
            unicast_src_ip 192.0.2.5
            unicast_peer {
                192.0.2.9
            }
            virtual_ipaddress {
                203.0.113.100/32
            }
        }

        """;

    [NetTheory("keepalived")]
    [InlineData(false)]
    [InlineData(true)]
    public void UnicastSourceMissingAtStart_IsFault(bool vigil)
    {
        using var solo = SoloNode.Create(vigil);
        var node = solo.Node;
        node.Configure(Config.Replace("{{TRACK}}", "", StringComparison.Ordinal));
        node.Start();

        Assert.True(node.WaitForLog(@"\(VI_1\): entering FAULT state \(src address not configured\)", TimeSpan.FromSeconds(10)), node.Log);
        Assert.Equal(1, node.CountLog("bind unicast_src 192.0.2.5 failed 99 - Cannot assign requested address"));
        Assert.Equal(1, node.CountLog(@"\(VI_1\) Entering FAULT STATE"));

        // Longer than the master-down interval (3.4 s): an instance that ignored the missing address would be MASTER.
        Thread.Sleep(4500);
        Assert.Equal(0, node.CountLog(@"\(VI_1\) Entering MASTER STATE"));
        Assert.False(solo.Host.HasAddress("203.0.113.100"), node.Log);
        if (vigil)
        {
            // keepalived 2.2.7 stays in FAULT for good here; Vigil resumes once the address exists.
            solo.Host.AddAddress("eth0", "192.0.2.5/24");
            Assert.True(node.WaitForLog(@"\(VI_1\) Entering MASTER STATE", TimeSpan.FromSeconds(10)), node.Log);
            Assert.True(solo.Host.HasAddress("203.0.113.100"), node.Log);
        }
    }

    [NetFact]
    public void TrackSrcIp_SourceRemovedAfterStart_IsFaultUntilItIsBack()
    {
        using var solo = SoloNode.Create(vigil: true);
        var node = solo.Node;
        solo.Host.AddAddress("eth0", "192.0.2.5/24");
        node.Configure(Config.Replace("{{TRACK}}", "track_src_ip", StringComparison.Ordinal));
        node.Start();
        Assert.True(node.WaitForLog(@"\(VI_1\) Entering MASTER STATE", TimeSpan.FromSeconds(10)), node.Log);

        solo.Host.Ip("addr", "del", "192.0.2.5/24", "dev", "eth0");
        Assert.True(node.WaitForLog(@"\(VI_1\) Entering FAULT STATE", TimeSpan.FromSeconds(5)), node.Log);
        Eventually.True(() => !solo.Host.HasAddress("203.0.113.100"), TimeSpan.FromSeconds(5), node.Log);

        solo.Host.AddAddress("eth0", "192.0.2.5/24");
        Assert.True(node.WaitForLog(@"\(VI_1\) Entering MASTER STATE", TimeSpan.FromSeconds(10), occurrences: 2), node.Log);
        Assert.Equal(1, node.CountLog(@"\(VI_1\) Entering FAULT STATE"));
    }
}
