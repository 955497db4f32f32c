using System.Net;
using System.Net.NetworkInformation;
using Microsoft.Extensions.Logging;
using Vigil.Config.Model;
using Vigil.Testing;
using Vigil.Testing.Vrrp;
using Vigil.Vrrp.Tests;

namespace Vigil.Vrrp.Engine.Tests;

/// <summary>The engine's part of use_vmac, accept mode and virtual routes/rules: keepalived's log order and the VMAC as
/// the interface of addresses and announcements.</summary>
public class VrrpEngineLinuxFeatureTests
{
    [Fact]
    public async Task NoAcceptVmacWithRoutes_LogsKeepalivedsSequence_AndAnnouncesOnTheVmac()
    {
        var settings = TestSettings.Vi1 with
        {
            Interface = "vrrp.51",
            VirtualMac = new VrrpVirtualMac("vrrp.51", "eth0", PhysicalAddress.Parse("00-00-5E-00-01-33"), false),
            Accept = false,
            VirtualRoutes = [new VirtualRoute(new RouteConfig { Destination = IPAddress.Parse("203.0.113.0"), DestinationPrefixLength = 25 })],
            VirtualRules = [new VirtualRule(new RuleConfig { From = IPAddress.Parse("203.0.113.100"), Table = 200 })],
            GarpMasterRepeat = 1,
        };
        var time = new ManualTimeProvider();
        var ports = new RecordingPorts(time);
        var log = new LogCapture(() => time.Elapsed);
        using var engine = new VrrpEngine([settings], ports.Ports, time, log);
        engine.PostLinkState("vrrp.51", true);
        engine.PostSourceAddress("vrrp.51", settings.Family, IPAddress.Parse("192.0.2.2"));
        engine.Start();
        time.Advance(TimeSpan.FromSeconds(4));
        await engine.StopAsync();

        // keepalived 2.2.7 with no_accept, use_vmac, virtual_routes and virtual_rules (MASTER, then SIGTERM).
        Assert.Equal(
            [
                "(VI_1) removing Virtual Rules", "(VI_1) removing Virtual Routes", "(VI_1) removing VIPs.", "(VI_1) removing firewall drop rule",
                "(VI_1) Entering BACKUP STATE (init)", "(VI_1) Receive advertisement timeout", "(VI_1) Entering MASTER STATE",
                "(VI_1) setting firewall drop rule", "(VI_1) setting VIPs.", "(VI_1) setting Virtual Routes", "(VI_1) setting Virtual Rules",
                "(VI_1) Sending/queueing gratuitous ARPs on vrrp.51 for 192.0.2.100",
                "(VI_1) sent 0 priority", "(VI_1) removing Virtual Rules", "(VI_1) removing Virtual Routes", "(VI_1) removing VIPs.",
                "(VI_1) removing firewall drop rule",
            ],
            log.Lines.Where(l => l.Level >= LogLevel.Information).Select(l => l.Message));
        Assert.Contains("garp vrrp.51 192.0.2.100 @3.609375", ports.Calls);
    }
}
