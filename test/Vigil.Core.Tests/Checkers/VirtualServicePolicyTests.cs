using System.Net;
using Vigil.Checkers;

namespace Vigil.Checkers.Tests;

public class VirtualServicePolicyTests
{
    private static readonly VirtualServiceKey Key = VirtualServiceKey.ForAddress(IPAddress.Parse("192.0.2.100"), 80);

    private static RealServerSettings Rs(int port, int weight = 1, bool? inhibit = null, NotifyScript? up = null, NotifyScript? down = null) => new()
    {
        Address = IPAddress.Parse("192.0.2.10"),
        Port = port,
        Weight = weight,
        InhibitOnFailure = inhibit,
        NotifyUp = up,
        NotifyDown = down,
    };

    private static VirtualServicePolicy Policy(VirtualServerSettings vs, params bool[] alive) =>
        new(vs, alive, [.. vs.RealServers.Select(r => r.Weight)]);

    private static VirtualServerSettings Vs(int quorum, int hysteresis, params RealServerSettings[] servers) => new()
    {
        Key = Key,
        Quorum = quorum,
        Hysteresis = hysteresis,
        RealServers = [.. servers],
        QuorumUp = new NotifyScript("/q up"),
        QuorumDown = new NotifyScript("/q down"),
    };

    [Fact]
    public void Start_WeightAtQuorumPlusHysteresis_GainsQuorumWithNotifications()
    {
        // lane1: "Gained quorum 3+1=4 <= 8 for VS [192.0.2.100]:tcp:80", quorum_up ran, FIFO "VS ... UP".
        var p = Policy(Vs(3, 1, Rs(1, 1), Rs(2, 2), Rs(3, 1)), true, true, true);
        var events = new List<CheckerEvent>();
        p.Start(events);
        Assert.True(p.QuorumUp);
        var q = Assert.IsType<QuorumChanged>(events[0]);
        Assert.Equal("Gained quorum 3+1=4 <= 4 for VS [192.0.2.100]:tcp:80", q.Description);
        Assert.True(q.AtStartup);
        Assert.Equal(NotifyKind.QuorumUp, Assert.IsType<NotifyScriptRequested>(events[1]).Kind);
        Assert.Equal("VS [192.0.2.100]:tcp:80 UP\n", Assert.IsType<NotifyFifoLine>(events[2]).Text);
        Assert.IsType<DesiredServiceChanged>(events[^1]);
    }

    [Fact]
    public void Start_RsInitNotifies_NotifiesEveryServerThatStartsUp_BeforeTheService()
    {
        // keepalived 2.2.7 (IPVS lane): notify_up and "RS ... UP" for each server starting up, then "VS ... UP"; a server
        // that starts down (alpha) gets nothing at start.
        var vs = Vs(1, 0, Rs(1, up: new NotifyScript("/up 1")), Rs(2, up: new NotifyScript("/up 2")), Rs(3, up: new NotifyScript("/up 3")))
            with { InitialNotifies = true, QuorumUp = null, QuorumDown = null };
        var events = new List<CheckerEvent>();
        Policy(vs, true, true, false).Start(events);

        Assert.Equal(
            [
                "/up 1", "RS [192.0.2.10]:tcp:1 [192.0.2.100]:tcp:80 UP\n", "/up 2", "RS [192.0.2.10]:tcp:2 [192.0.2.100]:tcp:80 UP\n",
                "VS [192.0.2.100]:tcp:80 UP\n",
            ],
            events.Where(e => e is NotifyScriptRequested or NotifyFifoLine).Select(e => e switch { NotifyScriptRequested n => n.Script.Command, NotifyFifoLine f => f.Text, _ => "" }));
    }

    [Fact]
    public void Start_WeightOneBelowQuorumPlusHysteresis_NoQuorumAndSilent()
    {
        var p = Policy(Vs(3, 1, Rs(1, 1), Rs(2, 2)), true, true);
        var events = new List<CheckerEvent>();
        p.Start(events);
        Assert.False(p.QuorumUp);
        Assert.Single(events);
        Assert.IsType<DesiredServiceChanged>(events[0]);
    }

    [Fact]
    public void UpdateServer_WeightFallsToQuorumMinusHysteresis_KeepsQuorum_BelowLosesIt()
    {
        // quorum 4, hysteresis 1: gain at >= 5, lose at < 3.
        var p = Policy(Vs(4, 1, Rs(1, 1), Rs(2, 1), Rs(3, 1), Rs(4, 2)), true, true, true, true);
        var events = new List<CheckerEvent>();
        p.Start(events);
        Assert.True(p.QuorumUp);
        p.UpdateServer(3, false, 2, CheckerKind.Tcp, ProbeResult.Fail(ProbeVerdict.ConnectionRefused), events); // sum 3
        Assert.True(p.QuorumUp);
        events.Clear();
        p.UpdateServer(2, false, 1, CheckerKind.Tcp, ProbeResult.Fail(ProbeVerdict.ConnectionRefused), events); // sum 2 < 3
        Assert.False(p.QuorumUp);
        var lost = Assert.Single(events.OfType<QuorumChanged>());
        Assert.Equal("Lost quorum 4-1=3 > 2 for VS [192.0.2.100]:tcp:80", lost.Description);
        p.UpdateServer(2, true, 1, CheckerKind.Tcp, ProbeResult.Ok, events); // sum 3, need 5
        p.UpdateServer(3, true, 2, CheckerKind.Tcp, ProbeResult.Ok, events); // sum 5
        Assert.True(p.QuorumUp);
    }

    [Fact]
    public void UpdateServer_WeightSumZero_LosesQuorumEvenWithNegativeThreshold()
    {
        // quorum 1, hysteresis 2: threshold -1 is never undercut, but a zero weight sum loses quorum.
        var p = Policy(Vs(1, 2, Rs(1, 3)), true);
        var events = new List<CheckerEvent>();
        p.Start(events);
        Assert.True(p.QuorumUp);
        p.UpdateServer(0, true, 0, CheckerKind.File, ProbeResult.Ok, events);
        Assert.False(p.QuorumUp);
    }

    [Fact]
    public void UpdateServer_RealServerDown_EventsInKeepalivedOrder()
    {
        var vs = Vs(2, 0, Rs(8080, 1, down: new NotifyScript("/n down1")), Rs(8081, 1)) with { SmtpAlert = true };
        vs = vs with { RealServers = [vs.RealServers[0] with { SmtpAlert = true }, vs.RealServers[1]] };
        var p = Policy(vs, true, true);
        var events = new List<CheckerEvent>();
        p.Start(events);
        events.Clear();
        p.UpdateServer(0, false, 1, CheckerKind.HttpGet, ProbeResult.Fail(ProbeVerdict.BadStatus, "500"), events);
        Assert.Collection(
            events,
            e => Assert.False(Assert.IsType<RealServerStateChanged>(e).Alive),
            e => Assert.Equal("/n down1", Assert.IsType<NotifyScriptRequested>(e).Script.Command),
            e => Assert.Equal("RS [192.0.2.10]:tcp:8080 [192.0.2.100]:tcp:80 DOWN\n", Assert.IsType<NotifyFifoLine>(e).Text),
            e => Assert.Equal("Realserver [192.0.2.10]:tcp:8080 of virtual server [192.0.2.100]:tcp:80 - DOWN", Assert.IsType<SmtpAlertRequested>(e).Subject),
            e => Assert.False(Assert.IsType<QuorumChanged>(e).Up),
            e => Assert.Equal("/q down", Assert.IsType<NotifyScriptRequested>(e).Script.Command),
            e => Assert.Equal("VS [192.0.2.100]:tcp:80 DOWN\n", Assert.IsType<NotifyFifoLine>(e).Text),
            e => Assert.Equal("=> Lost quorum 2-0=2 > 1 <=", Assert.IsType<SmtpAlertRequested>(e).Body),
            e => Assert.IsType<DesiredServiceChanged>(e));
    }

    [Fact]
    public void Desired_FailedServer_RemovedOrInhibitedAtWeightZero()
    {
        var p = Policy(Vs(1, 0, Rs(1, 5), Rs(2, 5, inhibit: true)), true, true);
        p.Start([]);
        p.UpdateServer(0, false, 5, CheckerKind.Tcp, null, []);
        p.UpdateServer(1, false, 5, CheckerKind.Tcp, null, []);
        var d = p.Desired();
        var only = Assert.Single(d.Destinations);
        Assert.Equal(2, only.Port);
        Assert.Equal(0, only.Weight);
    }

    [Fact]
    public void Desired_QuorumLostWithSorryServer_AliveServersReplacedBySorryServer()
    {
        // lane2 VS 100: "Adding sorry server", "Removing alive servers from the pool".
        var vs = Vs(2, 0, Rs(8080), Rs(8081)) with { SorryServer = new SorryServerSettings(IPAddress.Parse("192.0.2.50"), 80) };
        var p = Policy(vs, true, true);
        p.Start([]);
        Assert.Equal([8080, 8081], p.Desired().Destinations.Select(d => d.Port));
        p.UpdateServer(0, false, 1, CheckerKind.HttpGet, null, []);
        var sorry = Assert.Single(p.Desired().Destinations);
        Assert.Equal(DestinationRole.SorryServer, sorry.Role);
        Assert.Equal(1, sorry.Weight);
        Assert.Equal(IPAddress.Parse("192.0.2.50"), sorry.Address);
        p.UpdateServer(0, true, 1, CheckerKind.HttpGet, null, []);
        Assert.Equal([8080, 8081], p.Desired().Destinations.Select(d => d.Port));
    }

    [Fact]
    public void Desired_SorryServerInhibit_PresentAtZeroThenOne()
    {
        // lane2 VS 101: sorry server 192.0.2.51 at weight 0 from the start, 1 while quorum is lost.
        var vs = Vs(1, 0, Rs(8082, 3, inhibit: true)) with
        {
            SorryServer = new SorryServerSettings(IPAddress.Parse("192.0.2.51"), 80),
            SorryServerInhibit = true,
        };
        var p = Policy(vs, true);
        p.Start([]);
        Assert.Equal([(8082, 3), (80, 0)], p.Desired().Destinations.Select(d => (d.Port, d.Weight)));
        p.UpdateServer(0, false, 3, CheckerKind.Misc, null, []);
        Assert.Equal([(8082, 0), (80, 1)], p.Desired().Destinations.Select(d => (d.Port, d.Weight)));
        p.UpdateServer(0, true, 7, CheckerKind.Misc, null, []);
        Assert.Equal([(8082, 7), (80, 0)], p.Desired().Destinations.Select(d => (d.Port, d.Weight)));
    }

    [Fact]
    public void Desired_ForwardingAndThresholds_FromServerElseService()
    {
        var vs = Vs(1, 0, Rs(1) with { Forwarding = ForwardingSettings.DirectRouting, UpperThreshold = 10, LowerThreshold = 2 }, Rs(2)) with
        {
            Forwarding = new ForwardingSettings(ForwardingMethod.Tunnel, TunnelType.Gue, 6080, TunnelChecksum.Checksum),
        };
        var p = Policy(vs, true, true);
        p.Start([]);
        var d = p.Desired().Destinations;
        Assert.Equal(ForwardingMethod.DirectRouting, d[0].Forwarding.Method);
        Assert.Equal((10, 2), (d[0].UpperThreshold, d[0].LowerThreshold));
        Assert.Equal(new ForwardingSettings(ForwardingMethod.Tunnel, TunnelType.Gue, 6080, TunnelChecksum.Checksum), d[1].Forwarding);
    }

    [Fact]
    public void UpdateServer_UnchangedDesiredState_NotRepublished()
    {
        var p = Policy(Vs(1, 0, Rs(1), Rs(2)), true, true);
        p.Start([]);
        var events = new List<CheckerEvent>();
        p.UpdateServer(0, true, 1, CheckerKind.Tcp, null, events);
        Assert.Empty(events);
    }

    [Fact]
    public void UpdateServer_WeightChangeWhileAlive_ReportedAndRepublished()
    {
        var p = Policy(Vs(1, 0, Rs(1, 3)), true);
        p.Start([]);
        var events = new List<CheckerEvent>();
        p.UpdateServer(0, true, 7, CheckerKind.Misc, ProbeResult.Ok, events);
        Assert.Equal(new RealServerWeightChanged(Key, new RealServerKey(IPAddress.Parse("192.0.2.10"), 1), 3, 7), events[0]);
        Assert.Equal(7, Assert.IsType<DesiredServiceChanged>(events[1]).Service.Destinations[0].Weight);
    }

    [Fact]
    public void Stop_Omega_NotifyDownForAliveServersThenQuorumDown()
    {
        // lane1 at shutdown with omega: notes down1, down2, quorum_down; FIFO RS, RS, VS lines.
        var vs = Vs(1, 0, Rs(8080, down: new NotifyScript("/n down1")), Rs(8081, down: new NotifyScript("/n down2")), Rs(8082, down: new NotifyScript("/n down3"))) with { Omega = true };
        var p = Policy(vs, true, true, false);
        p.Start([]);
        var events = new List<CheckerEvent>();
        p.Stop(events);
        Assert.Equal(
            ["/n down1", "RS [192.0.2.10]:tcp:8080 [192.0.2.100]:tcp:80 DOWN\n", "/n down2", "RS [192.0.2.10]:tcp:8081 [192.0.2.100]:tcp:80 DOWN\n", "/q down", "VS [192.0.2.100]:tcp:80 DOWN\n"],
            events.Select(e => e switch { NotifyScriptRequested n => n.Script.Command, NotifyFifoLine f => f.Text, _ => e.ToString()! }));
    }

    [Fact]
    public void Stop_WithoutOmega_Silent()
    {
        var p = Policy(Vs(1, 0, Rs(8080, down: new NotifyScript("/n"))), true);
        p.Start([]);
        var events = new List<CheckerEvent>();
        p.Stop(events);
        Assert.Empty(events);
    }
}
