using Vigil.Testing;

namespace Vigil.Testing.Tests;

public class LabTests
{
    [NetFact("ping")]
    public void Lab_TwoHostsOnABridge_CanPingAndAreRemovedAfterwards()
    {
        string[] names;
        using (var lab = new Lab())
        {
            var sw = lab.Switch();
            var a = lab.Host("a");
            var b = lab.Host("b");
            lab.Attach(a, "eth0", sw);
            lab.Attach(b, "eth0", sw);
            a.AddAddress("eth0", "192.0.2.1/24");
            b.AddAddress("eth0", "192.0.2.2/24");

            var ping = a.Exec("ping", "-c", "1", "-W", "2", "192.0.2.2");
            Assert.Equal(0, ping.ExitCode);
            Assert.True(b.HasAddress("192.0.2.2"));
            Assert.False(b.HasAddress("192.0.2.1"));
            names = lab.Namespaces.Select(n => n.Name).ToArray();
        }

        var list = Cmd.Run("ip", "netns", "list").StdOut;
        foreach (var n in names)
        {
            Assert.DoesNotContain(n, list, StringComparison.Ordinal);
        }
    }
}
