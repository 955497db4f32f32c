using Vigil.Testing;
using Vigil.Testing.Nodes;

namespace Vigil.Integration.Tests.Vrrp;

/// <summary>
/// Two keepalived 2.2.7 nodes: the reference behaviour every mixed test compares against, and a check that
/// the namespace harness (bridge, daemons, logs, addresses) works on this machine.
/// </summary>
public class ReferencePairTests
{
    private static string Config(int priority) => $$"""
        vrrp_instance VI_1 {
            state BACKUP
            interface eth0
            virtual_router_id 51
            priority {{priority}}
            advert_int 1
            virtual_ipaddress {
                192.0.2.100/24
            }
        }
        """;

    [NetFact("keepalived")]
    public void KeepalivedPair_ElectsHigherPriority_AndFailsOverOnKill()
    {
        using var lab = new Lab();
        var sw = lab.Switch();
        var h1 = lab.Host("n1");
        var h2 = lab.Host("n2");
        lab.Attach(h1, "eth0", sw);
        lab.Attach(h2, "eth0", sw);
        h1.AddAddress("eth0", "192.0.2.1/24");
        h2.AddAddress("eth0", "192.0.2.2/24");

        using var k1 = new KeepalivedNode(lab, h1, "k1");
        using var k2 = new KeepalivedNode(lab, h2, "k2");
        k1.Configure(Config(150)).Start();
        k2.Configure(Config(100)).Start();

        Assert.True(k1.WaitForLog(@"\(VI_1\) Entering MASTER STATE", TimeSpan.FromSeconds(10)), k1.Log);
        Eventually.True(() => h1.HasAddress("192.0.2.100"), TimeSpan.FromSeconds(3), "master holds the VIP");
        Assert.False(h2.HasAddress("192.0.2.100"));

        k1.Kill();
        Assert.True(k2.WaitForLog(@"\(VI_1\) Entering MASTER STATE", TimeSpan.FromSeconds(10)), k2.Log);
        Eventually.True(() => h2.HasAddress("192.0.2.100"), TimeSpan.FromSeconds(3), "backup took the VIP");
    }
}
