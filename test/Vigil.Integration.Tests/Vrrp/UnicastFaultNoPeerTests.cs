using Vigil.Testing;
using Vigil.Testing.Nodes;

namespace Vigil.Integration.Tests.Vrrp;

/// <summary>
/// <c>unicast_fault_no_peer</c> with no <c>unicast_peer</c>: the instance never becomes MASTER and holds no VIP; the
/// line is keepalived 2.2.7's (the same test runs keepalived as the reference).
/// </summary>
public class UnicastFaultNoPeerTests
{
    [NetTheory("keepalived")]
    [InlineData(false)]
    [InlineData(true)]
    public void WithoutPeers_TheInstanceStaysInFault(bool vigil)
    {
        using var solo = SoloNode.Create(vigil);
        var h = solo.Host;
        var node = solo.Node;
        node.Configure("""
            vrrp_instance VI_1 {
                state BACKUP
                interface eth0
                virtual_router_id 51
                priority 150
                version 3
                advert_int 0.1
                unicast_src_ip 192.0.2.1
                unicast_fault_no_peer
                virtual_ipaddress {
                    203.0.113.100/32
                }
            }

            """);
        node.Start();
        Assert.True(node.WaitForLog(@"\(VI_1\) Cannot use unicast without any peers - going to fault state", TimeSpan.FromSeconds(10)), node.Log);

        // Far longer than the master-down interval (about 0.35 s): a peerless instance would have taken over by now.
        Thread.Sleep(1500);
        Assert.Equal(0, node.CountLog(@"\(VI_1\) Entering MASTER STATE"));
        Assert.False(h.HasAddress("203.0.113.100"), node.Log);
        Assert.True(node.IsRunning, node.Log);
    }
}
