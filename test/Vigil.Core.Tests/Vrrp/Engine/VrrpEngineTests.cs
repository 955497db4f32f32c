using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Vigil.Testing;
using Vigil.Testing.Vrrp;
using Vigil.Vrrp.Packet;
using Vigil.Vrrp.Ports;
using Vigil.Vrrp.Tests;

namespace Vigil.Vrrp.Engine.Tests;

public class VrrpEngineTests
{
    private static readonly IPAddress s_me = IPAddress.Parse("192.0.2.2");

    [Fact]
    public void Start_LoneInstance_BecomesMasterAfterTheDownIntervalInKeepalivedsOrder()
    {
        var (time, ports, log, engine) = Create();
        using var _ = engine;

        engine.Start();
        Assert.Equal(TimeSpan.FromTicks(36_093_750), time.NextDue);
        time.Advance(TimeSpan.FromSeconds(4));

        Assert.Equal(
            [
                "remove VI_1 @0", "notify INSTANCE \"VI_1\" BACKUP 100 @0",
                "advert 100 192.0.2.2>224.0.0.18 ttl255 @3.609375", "add VI_1 @3.609375",
                "garp eth0 192.0.2.100 @3.609375", "garp eth0 192.0.2.100 @3.609375", "garp eth0 192.0.2.100 @3.609375",
                "garp eth0 192.0.2.100 @3.609375", "garp eth0 192.0.2.100 @3.609375",
                "notify INSTANCE \"VI_1\" MASTER 100 @3.609375",
            ],
            ports.Calls);

        // The lines keepalived 2.2.7 printed for the same lone instance (experiment 1, r2).
        Assert.Equal(
            [
                "(VI_1) removing VIPs.", "(VI_1) Entering BACKUP STATE (init)", "(VI_1) Receive advertisement timeout",
                "(VI_1) Entering MASTER STATE", "(VI_1) setting VIPs.", "(VI_1) Sending/queueing gratuitous ARPs on eth0 for 192.0.2.100",
            ],
            Info(log));
    }

    [Fact]
    public void Master_AdvertisesOnEveryInterval_AndRepeatsGarpsAfterGarpMasterDelay()
    {
        var (time, ports, _, engine) = Create(TestSettings.Vi1 with { GarpMasterDelay = TimeSpan.FromSeconds(2), GarpMasterRepeat = 1 });
        using var _e = engine;
        engine.Start();

        time.Advance(TimeSpan.FromSeconds(7));

        Assert.Equal(
            [
                "advert 100 192.0.2.2>224.0.0.18 ttl255 @3.609375", "garp eth0 192.0.2.100 @3.609375",
                "advert 100 192.0.2.2>224.0.0.18 ttl255 @4.609375",
                "advert 100 192.0.2.2>224.0.0.18 ttl255 @5.609375", "garp eth0 192.0.2.100 @5.609375",
                "advert 100 192.0.2.2>224.0.0.18 ttl255 @6.609375",
            ],
            ports.Calls.Where(c => c.StartsWith("advert", StringComparison.Ordinal) || c.StartsWith("garp", StringComparison.Ordinal)));
        Assert.Equal(4, engine.GetStatus("VI_1").Statistics.AdvertSent);
    }

    [Fact]
    public void GarpInterval_SpacesMessagesOnTheInterface_AndLeavingMasterCancelsTheRest()
    {
        var settings = TestSettings.Vi1 with
        {
            VirtualIpaddress = [VirtualIpAddress.Host(IPAddress.Parse("192.0.2.100")), VirtualIpAddress.Host(IPAddress.Parse("192.0.2.101"))],
            GarpMasterRepeat = 3,
            GarpInterval = TimeSpan.FromMilliseconds(100),
        };
        var (time, ports, _, engine) = Create(settings);
        using var _e = engine;
        engine.Start();

        time.Advance(TimeSpan.FromSeconds(3.609375 + 0.25));
        engine.PostFault("VI_1", VrrpFaultReasons.TrackerFailed, true);
        time.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(
            ["garp eth0 192.0.2.100 @3.609375", "garp eth0 192.0.2.101 @3.709375", "garp eth0 192.0.2.100 @3.809375"],
            ports.Calls.Where(c => c.StartsWith("garp", StringComparison.Ordinal)));
    }

    [Fact]
    public void SourceAddressMissingAtStart_IsFault_WithKeepalivedsLines_AndClearsWhenItAppears()
    {
        var (time, _, log, engine) = Create(TestSettings.Vi1);
        using var _e = engine;
        engine.PostFault("VI_1", VrrpFaultReasons.SourceAddressMissing, true);
        engine.Start();
        Assert.Equal(VrrpState.Fault, engine.GetStatus("VI_1").State);

        engine.PostFault("VI_1", VrrpFaultReasons.SourceAddressMissing, false);
        time.Advance(TimeSpan.FromSeconds(4));

        Assert.Equal(VrrpState.Master, engine.GetStatus("VI_1").State);
        Assert.Equal(
            ["(VI_1): entering FAULT state (src address not configured)", "(VI_1) Entering FAULT STATE", "(VI_1) Entering BACKUP STATE", "(VI_1) Entering MASTER STATE"],
            log.Messages.Where(m => m.Contains("ntering", StringComparison.Ordinal)));
    }

    [Fact]
    public void Ipv6Instance_SendsUnsolicitedNeighbourAdverts()
    {
        var settings = TestSettings.Vi1 with { Version = VrrpVersion.V3, VirtualIpaddress = [VirtualIpAddress.Host(IPAddress.Parse("2001:db8::100"))], GarpMasterRepeat = 2 };
        var (time, ports, log, engine) = Create(settings, IPAddress.Parse("fe80::2"));
        using var _e = engine;
        engine.Start();

        time.Advance(TimeSpan.FromSeconds(4));

        Assert.Equal(["na eth0 2001:db8::100 @3.609375", "na eth0 2001:db8::100 @3.609375"], ports.Calls.Where(c => c.StartsWith("na", StringComparison.Ordinal)));
        Assert.Contains("(VI_1) Sending/queueing Unsolicited Neighbour Adverts on eth0 for 2001:db8::100", log.Messages);
        var (meta, payload) = ports.Sent[0];
        Assert.Equal(IPAddress.Parse("ff02::12"), meta.Destination);
        Assert.True(VrrpCodec.VerifyChecksum(payload, VrrpChecksumMode.PseudoHeader, meta.Source, meta.Destination));
    }

    [Fact]
    public void Unicast_SendsOneAdvertPerPeer_EachWithItsOwnPseudoHeader()
    {
        var settings = TestSettings.Vi1 with
        {
            Version = VrrpVersion.V3,
            UnicastPeer = [new VrrpUnicastPeer(IPAddress.Parse("198.51.100.7")), new VrrpUnicastPeer(IPAddress.Parse("198.51.100.8"))],
        };
        var (time, ports, _, engine) = Create(settings);
        using var _e = engine;
        engine.Start();

        time.Advance(TimeSpan.FromSeconds(4));

        Assert.Equal(2, ports.Sent.Count);
        Assert.All(ports.Sent, s =>
        {
            Assert.True(s.Meta.IsUnicast);
            Assert.Equal((byte?)255, s.Meta.Ttl);
            Assert.True(VrrpCodec.VerifyChecksum(s.Payload, VrrpChecksumMode.PseudoHeader, s.Meta.Source, s.Meta.Destination));
        });
        Assert.NotEqual(ports.Sent[0].Payload[6..8], ports.Sent[1].Payload[6..8]);
    }

    [Fact]
    public void Unicast_PeerWithPre137Checksum_IsAcceptedAndAnsweredTheOldWay()
    {
        var peer = IPAddress.Parse("198.51.100.7");
        var settings = TestSettings.Vi1 with { Version = VrrpVersion.V3, Priority = 150, UnicastPeer = [new VrrpUnicastPeer(peer)] };
        var (time, ports, _, engine) = Create(settings);
        using var _e = engine;
        engine.Start();
        time.Advance(TimeSpan.FromSeconds(4));

        // A keepalived <= 1.3.6 peer with lower priority: pseudo-header destination 224.0.0.18 although unicast.
        var old = new TestPacket { Version = 3, Priority = 100, Source = "198.51.100.7", Destination = "224.0.0.18" }.Build();
        engine.PostAdvert(old, new VrrpReceiveMeta("eth0", peer, s_me, 255, true) { IpHeaderLength = 20 });

        var (meta, payload) = ports.Sent[^1];
        Assert.Equal(VrrpState.Master, engine.GetStatus("VI_1").State);
        Assert.Equal(peer, meta.Destination);
        Assert.True(VrrpCodec.VerifyChecksum(payload, VrrpChecksumMode.PseudoHeader, meta.Source, VrrpInstanceSettings.MulticastGroupV4));
    }

    [Fact]
    public void PostAdvert_Garbage_IsCountedAndLoggedOnce()
    {
        var (time, _, log, engine) = Create();
        using var _e = engine;
        engine.Start();
        var meta = new TestPacket().Meta();

        engine.PostAdvert(new byte[4], meta);
        engine.PostAdvert(new byte[3], meta);
        engine.PostAdvert(new TestPacket { Vrid = 99 }.Build(), meta);
        for (var k = 0; k < 3; k++)
        {
            engine.PostAdvert(new TestPacket { Priority = 150, Ttl = 64 }.Build(), new TestPacket { Ttl = 64 }.Meta());
        }

        Assert.Equal(2, engine.TooShortPackets);
        Assert.Equal(1, engine.UnknownVridPackets);
        Assert.Equal(3, engine.GetStatus("VI_1").Statistics.IpTtlErr);
        Assert.Equal(["IPv4 VRRP packet too short - 24 bytes", "(VI_1) invalid TTL/HL. Received 64 and expect 255"], Info(log).Skip(2));
        Assert.Equal(TimeSpan.Zero, time.Elapsed);
    }

    [Fact]
    public void PostAdvert_ErrorLog_ReopensAfterAnAcceptedPacket()
    {
        var (_, _, log, engine) = Create();
        using var _e = engine;
        engine.Start();
        var bad = new TestPacket { Checksum = 1 };

        engine.PostAdvert(bad.Build(), bad.Meta());
        engine.PostAdvert(bad.Build(), bad.Meta());
        engine.PostAdvert(new TestPacket { Priority = 150 }.Build(), bad.Meta());
        engine.PostAdvert(bad.Build(), bad.Meta());

        Assert.Equal(2, log.Messages.Count(m => m == "(VI_1) Invalid VRRPv2 checksum"));
        Assert.Equal(3, engine.GetStatus("VI_1").Statistics.ChecksumErr);
    }

    [Fact]
    public void PortFailure_IsLoggedAndTheEngineCarriesOn()
    {
        var (time, ports, log, engine) = Create();
        using var _e = engine;
        ports.ThrowOnSend = new SocketException((int)SocketError.NetworkUnreachable);
        ports.ThrowOnAdd = new InvalidOperationException("netlink said no");
        engine.Start();

        time.Advance(TimeSpan.FromSeconds(6));

        Assert.Equal(VrrpState.Master, engine.GetStatus("VI_1").State);
        Assert.Contains(log.Lines, l => l.Level == LogLevel.Error && l.Message == "(VI_1) sending advert failed" && l.Exception is SocketException);
        Assert.Contains(log.Lines, l => l.Level == LogLevel.Error && l.Message == "(VI_1) setting VIPs failed");
        Assert.NotNull(time.NextDue);
    }

    [Fact]
    public void PostAdvert_FromInsideAPortCall_RunsAfterTheCurrentWork()
    {
        var (time, ports, _, engine) = Create();
        using var _e = engine;
        var higher = new TestPacket { Priority = 200 };
        var order = new List<string>();
        ports.OnSend = _ =>
        {
            // Re-entrant delivery (an in-memory LAN answering synchronously): must queue, not recurse.
            ports.OnSend = null;
            engine.PostAdvert(higher.Build(), higher.Meta());
            order.Add($"after post: {engine.GetStatus("VI_1").State}");
        };
        engine.Start();

        time.Advance(TimeSpan.FromSeconds(4));

        Assert.Equal(["after post: Backup"], order);
        Assert.Equal(VrrpState.Backup, engine.GetStatus("VI_1").State);
        Assert.Equal(VrrpTransitionReason.HigherPriorityAdvert, engine.GetStatus("VI_1").LastReason);
        Assert.Equal(["remove VI_1 @3.609375", "notify INSTANCE \"VI_1\" BACKUP 100 @3.609375"], ports.Calls.TakeLast(2));
    }

    [Fact]
    public void StopAsync_Master_SendsPriorityZeroReleasesNotifiesAndDisarms()
    {
        var (time, ports, log, engine) = Create();
        using var _e = engine;
        engine.Start();
        time.Advance(TimeSpan.FromSeconds(5));
        ports.Calls.Clear();

        var stop = engine.StopAsync();

        Assert.True(stop.IsCompletedSuccessfully);
        Assert.Equal(["advert 0 192.0.2.2>224.0.0.18 ttl255 @5", "remove VI_1 @5", "notify INSTANCE \"VI_1\" STOP 100 @5"], ports.Calls);
        Assert.Equal(["(VI_1) sent 0 priority", "(VI_1) removing VIPs."], Info(log).TakeLast(2));
        Assert.Null(time.NextDue);
        Assert.Equal(1, engine.GetStatus("VI_1").Statistics.PriZeroSent);
    }

    [Fact]
    public void LinkState_InitialReportIsSilent_ChangesAreLogged()
    {
        var (_, _, log, engine) = Create();
        using var _e = engine;
        engine.Start();

        engine.PostLinkState("eth0", false);
        engine.PostLinkState("eth0", true);

        Assert.Equal(
            ["Netlink reports eth0 down", "(VI_1) Entering FAULT STATE", "Netlink reports eth0 up", "(VI_1) Entering BACKUP STATE"],
            Info(log).Skip(2));
    }

    [Fact]
    public void Start_InterfaceDown_EntersFaultWithKeepalivedsInitLines()
    {
        var time = new ManualTimeProvider();
        var ports = new RecordingPorts(time);
        var log = new LogCapture();
        using var engine = new VrrpEngine([TestSettings.Vi1], ports.Ports, time, log);
        engine.PostLinkState("eth0", false);
        engine.PostSourceAddress("eth0", AddressFamily.InterNetwork, s_me);

        engine.Start();

        // keepalived 2.2.7 with eth0 down at startup.
        Assert.Equal(["(VI_1): entering FAULT state (interface eth0 down)", "(VI_1) entering FAULT state", "(VI_1) removing VIPs."], Info(log));
        Assert.Equal(["remove VI_1 @0", "notify INSTANCE \"VI_1\" FAULT 100 @0"], ports.Calls);
    }

    [Fact]
    public void Notify_UsesTheStatesScriptThenTheGenericOne()
    {
        var settings = TestSettings.Vi1 with
        {
            NotifyMaster = new VrrpNotifyScript("/etc/keepalived/master.sh"),
            NotifyMasterRxLowerPri = new VrrpNotifyScript("/etc/keepalived/lower.sh"),
            Notify = new VrrpNotifyScript("/etc/keepalived/notify.sh"),
        };
        var (time, ports, _, engine) = Create(settings);
        using var _e = engine;
        engine.Start();
        time.Advance(TimeSpan.FromSeconds(4));
        var lower = new TestPacket { Priority = 50 };
        engine.PostAdvert(lower.Build(), lower.Meta());

        var backup = ports.Notifications[0];
        var master = ports.Notifications[1];
        var rxLower = ports.Notifications[2];
        Assert.Equal((null, "/etc/keepalived/notify.sh"), (backup.Script?.Command, backup.GenericScript?.Command));
        Assert.Equal(("/etc/keepalived/master.sh", "/etc/keepalived/notify.sh"), (master.Script?.Command, master.GenericScript?.Command));
        Assert.Equal(["INSTANCE", "VI_1", "MASTER", "100"], master.GenericArguments.ToArray());
        Assert.Equal(("/etc/keepalived/lower.sh", (string?)null, "INSTANCE \"VI_1\" MASTER_RX_LOWER_PRI 100\n"), (rxLower.Script?.Command, rxLower.GenericScript?.Command, rxLower.FifoLine));
    }

    [Fact]
    public void Constructor_DuplicateOrInvalidInstance_Throws()
    {
        var time = new ManualTimeProvider();
        var ports = new RecordingPorts(time).Ports;

        Assert.Throws<ArgumentException>(() => new VrrpEngine([TestSettings.Vi1, TestSettings.Vi1], ports, time, new LogCapture()));
        Assert.Throws<ArgumentException>(() => new VrrpEngine([TestSettings.Vi1 with { AdvertInt = TimeSpan.FromMilliseconds(1500) }], ports, time, new LogCapture()));
    }

    [Fact]
    public void Post_UnknownInstance_ThrowsAtTheCaller()
    {
        var (_, _, _, engine) = Create();
        using var _e = engine;

        Assert.Throws<ArgumentException>(() => engine.PostPriority("VI_9", 50));
        Assert.Throws<ArgumentException>(() => engine.PostFault("VI_9", VrrpFaultReasons.TrackerFailed, true));
        Assert.Throws<ArgumentException>(() => engine.GetStatus("VI_9"));
    }

    [Fact]
    public void Status_ReflectsStateAndCounters()
    {
        var (time, _, _, engine) = Create();
        using var _e = engine;
        engine.Start();
        time.Advance(TimeSpan.FromSeconds(5.7));

        var status = engine.GetStatus("VI_1");

        Assert.Equal((VrrpState.Master, VrrpState.Master, 100, s_me), (status.State, status.WantedState, status.EffectivePriority, status.MasterAddress));
        Assert.Equal((1L, 3L), (status.Statistics.BecomeMaster, status.Statistics.AdvertSent));
        Assert.Single(engine.Status);
    }

    private static (ManualTimeProvider Time, RecordingPorts Ports, LogCapture Log, VrrpEngine Engine) Create(VrrpInstanceSettings? settings = null, IPAddress? source = null)
    {
        var time = new ManualTimeProvider();
        var ports = new RecordingPorts(time);
        var log = new LogCapture(() => time.Elapsed);
        var s = settings ?? TestSettings.Vi1;
        var engine = new VrrpEngine([s], ports.Ports, time, log);
        engine.PostLinkState("eth0", true);
        engine.PostSourceAddress("eth0", s.Family, source ?? s_me);
        return (time, ports, log, engine);
    }

    private static IReadOnlyList<string> Info(LogCapture log) =>
        [.. log.Lines.Where(l => l.Level >= LogLevel.Information).Select(l => l.Message)];
}
