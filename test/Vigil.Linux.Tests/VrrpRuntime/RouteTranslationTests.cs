using System.Net;
using System.Net.Sockets;
using Vigil.Config.Model;
using Vigil.Linux.Rtnl;
using Vigil.Linux.VrrpRuntime;

namespace Vigil.Linux.Tests.VrrpRuntime;

/// <summary>Configuration routes/rules → rtnetlink entries with keepalived's protocol and scope.</summary>
public class RouteTranslationTests
{
    private static int? Index(string name) => name switch { "eth0" => 2, "eth1" => 3, _ => null };

    [Fact]
    public void Route_GetsProtocol18_AndScopeGlobal_LikeKeepalived()
    {
        var r = RouteTranslation.ToEntry(
            new RouteConfig { Destination = IPAddress.Parse("198.51.100.0"), DestinationPrefixLength = 26, Device = "eth0", Table = 200, PreferredSource = IPAddress.Parse("203.0.113.100") },
            Index);
        Assert.NotNull(r);
        Assert.Equal((AddressFamily.InterNetwork, 2, 200u, (byte)18, RouteScope.Universe), (r.Family, r.OutputInterface, r.Table, r.Protocol, r.Scope));
        Assert.Equal(IPAddress.Parse("203.0.113.100"), r.PreferredSource);
    }

    [Fact]
    public void Route_WithGatewayMetricsAndNexthops()
    {
        var r = RouteTranslation.ToEntry(
            new RouteConfig
            {
                Destination = IPAddress.Parse("203.0.113.0"),
                DestinationPrefixLength = 25,
                Via = IPAddress.Parse("192.0.2.254"),
                Metric = 7,
                Protocol = 99,
                Scope = AddressScope.Link,
                Realms = "1/2",
                Metrics = [new Vigil.Config.Model.RouteMetric("mtu", 1400, true)],
                NextHops = [new NextHopConfig { Via = IPAddress.Parse("192.0.2.253"), Device = "eth1", Weight = 3 }],
            },
            Index);
        Assert.NotNull(r);
        Assert.Equal((IPAddress.Parse("192.0.2.254"), 7u, (byte)99, RouteScope.Link, 0x10002u), (r.Gateway, r.Metric, r.Protocol, r.Scope, r.Realms));
        Assert.Equal(new Vigil.Linux.Rtnl.RouteMetric(Vigil.Linux.Rtnl.RouteMetric.Mtu, 1400, true), Assert.Single(r.Metrics));
        Assert.Equal(new RouteNextHop(IPAddress.Parse("192.0.2.253"), 3, 3), Assert.Single(r.NextHops));
        Assert.Equal(RtnlConstants.RT_TABLE_MAIN, r.Table);
    }

    [Fact]
    public void Route_OnAMissingInterface_IsNull() =>
        Assert.Null(RouteTranslation.ToEntry(new RouteConfig { Destination = IPAddress.Any, Device = "eth9" }, Index));

    [Theory]
    [InlineData(Vigil.Config.Model.RouteType.Local, RouteScope.Host)]
    [InlineData(Vigil.Config.Model.RouteType.Broadcast, RouteScope.Link)]
    [InlineData(Vigil.Config.Model.RouteType.Blackhole, RouteScope.Universe)]
    public void Route_DefaultScopeByType(Vigil.Config.Model.RouteType type, RouteScope scope) =>
        Assert.Equal(scope, RouteTranslation.ToEntry(new RouteConfig { Destination = IPAddress.Any, Type = type }, Index)!.Scope);

    [Fact]
    public void Rule_GetsProtocol18_AndKeepsItsFields()
    {
        var r = RouteTranslation.ToEntry(new RuleConfig
        {
            From = IPAddress.Parse("203.0.113.100"),
            FromPrefixLength = 32,
            Table = 200,
            Preference = 200,
            FwMark = 5,
            FwMask = 0xff,
            InputInterface = "eth0",
            SourcePortStart = 80,
            SourcePortEnd = 90,
        });
        Assert.Equal((AddressFamily.InterNetwork, (byte)18, 200u, 200u, Vigil.Linux.Rtnl.RuleAction.Unspecified), (r.Family, r.Protocol, r.Table, r.Priority, r.Action));
        Assert.Equal(((ushort)80, (ushort)90), r.SourcePortRange);
        Assert.Equal((5u, 0xffu, "eth0"), (r.FirewallMark, r.FirewallMask, r.InputInterface));
        Assert.Equal(Vigil.Linux.Rtnl.RuleAction.Goto, RouteTranslation.ToEntry(new RuleConfig { Goto = 300 }).Action);
        Assert.Equal(Vigil.Linux.Rtnl.RuleAction.Blackhole, RouteTranslation.ToEntry(new RuleConfig { Action = Vigil.Config.Model.RuleAction.Blackhole }).Action);
    }

    [Fact]
    public void SameRoute_MatchesTheKernelsEcho()
    {
        var ours = RouteTranslation.ToEntry(new RouteConfig { Destination = IPAddress.Parse("203.0.113.0"), DestinationPrefixLength = 25, Via = IPAddress.Parse("192.0.2.254") }, Index)!;
        var seen = new RouteEntry(AddressFamily.InterNetwork) { Destination = IPAddress.Parse("203.0.113.0"), DestinationPrefixLength = 25, Gateway = IPAddress.Parse("192.0.2.254"), Metric = 0 };
        Assert.True(RouteTranslation.SameRoute(ours, seen));
        Assert.False(RouteTranslation.SameRoute(ours, seen with { DestinationPrefixLength = 24 }));
        Assert.False(RouteTranslation.SameRoute(ours, seen with { Table = 200 }));
    }
}
