using System.Net;
using System.Net.Sockets;
using Vigil.Vrrp;
using Vigil.Vrrp.Engine;
using Vigil.Vrrp.Ports;

namespace Vigil.Testing.Vrrp;

/// <summary>
/// One router on a <see cref="VirtualLan"/>: a real <see cref="VrrpEngine"/> whose four ports are this object. Its
/// single interface is <c>eth0</c>.
/// </summary>
public sealed class VirtualRouter : IVrrpAdvertTransmitter, IVrrpAddressProgrammer, IVrrpAnnouncer, IVrrpNotifier
{
    public const string InterfaceName = "eth0";

    private readonly VirtualLan _lan;
    private readonly HashSet<IPAddress> _held = [];
    private readonly List<(TimeSpan At, VrrpNotification Notification)> _notifications = [];
    private readonly List<(TimeSpan At, string Interface, IPAddress Address)> _announcements = [];
    private VrrpEngine? _engine;

    internal VirtualRouter(VirtualLan lan, string name, IPAddress address, IPAddress address6, IReadOnlyList<VrrpInstanceSettings> instances)
    {
        _lan = lan;
        Name = name;
        Address = address;
        Address6 = address6;
        Instances = instances;
        Log = new LogCapture(() => lan.Time.Elapsed);
    }

    public string Name { get; }

    /// <summary>IPv4 primary address of eth0.</summary>
    public IPAddress Address { get; }

    /// <summary>IPv6 link-local address of eth0.</summary>
    public IPAddress Address6 { get; }

    public IReadOnlyList<VrrpInstanceSettings> Instances { get; private set; }

    public LogCapture Log { get; }

    public bool IsRunning => _engine is not null;

    public bool LinkUp { get; private set; } = true;

    /// <summary>The running engine (throws when stopped).</summary>
    public VrrpEngine Engine => _engine ?? throw new InvalidOperationException($"{Name} is not running");

    /// <summary>Addresses this router has installed right now.</summary>
    public IReadOnlyCollection<IPAddress> HeldAddresses => [.. _held];

    public IReadOnlyList<(TimeSpan At, VrrpNotification Notification)> Notifications => _notifications;

    /// <summary>Every GARP / NA sent, with its time.</summary>
    public IReadOnlyList<(TimeSpan At, string Interface, IPAddress Address)> Announcements => _announcements;

    internal bool CanTalk => _engine is not null && LinkUp;

    /// <summary>Tracking and sync groups used by the next <see cref="Start"/>.</summary>
    public Vigil.Vrrp.Tracking.VrrpTrackingPlan? Tracking { get; set; }

    /// <summary>State of an instance (the first one by default).</summary>
    public VrrpState State(string? instance = null) => Status(instance).State;

    public VrrpInstanceStatus Status(string? instance = null) => Engine.GetStatus(instance ?? Instances[0].Name);

    /// <summary>Creates the engine, reports the link and addresses, and starts the instances.</summary>
    public void Start()
    {
        if (_engine is not null)
        {
            throw new InvalidOperationException($"{Name} is already running");
        }

        _engine = new VrrpEngine(Instances, new VrrpPorts(this, this, this, this), _lan.Time, Log, Tracking);
        _engine.PostLinkState(InterfaceName, LinkUp);
        _engine.PostSourceAddress(InterfaceName, AddressFamily.InterNetwork, Address);
        _engine.PostSourceAddress(InterfaceName, AddressFamily.InterNetworkV6, Address6);
        _engine.Start();
    }

    /// <summary>SIGTERM: priority 0 from masters, addresses released, STOP notified; then the engine is gone.</summary>
    public void Stop()
    {
        var stopped = Engine.StopAsync();
        if (!stopped.IsCompleted)
        {
            throw new InvalidOperationException("stop did not complete synchronously");
        }

        _engine!.Dispose();
        _engine = null;
    }

    /// <summary>Power cut: no goodbye advert; the host's addresses vanish with it.</summary>
    public void Crash()
    {
        Engine.Dispose();
        _engine = null;
        foreach (var a in _held.ToList())
        {
            _held.Remove(a);
            _lan.RecordHolder(Name, a, held: false);
        }
    }

    /// <summary>Starts again, optionally with new settings (as after a reconfiguration and restart).</summary>
    public void Restart(params VrrpInstanceSettings[] instances)
    {
        if (_engine is not null)
        {
            Stop();
        }

        if (instances.Length > 0)
        {
            Instances = instances;
        }

        Start();
    }

    /// <summary>Carrier up/down on eth0; nothing is sent or received while down.</summary>
    public void SetLink(bool up)
    {
        LinkUp = up;
        _engine?.PostLinkState(InterfaceName, up);
    }

    public void SetPriority(int effectivePriority, string? instance = null) =>
        Engine.PostPriority(instance ?? Instances[0].Name, effectivePriority);

    internal bool Owns(IPAddress address) => address.Equals(Address) || address.Equals(Address6);

    void IVrrpAdvertTransmitter.Send(in VrrpTransmitMeta meta, ReadOnlySpan<byte> payload) => _lan.Transmit(this, meta, payload);

    void IVrrpAddressProgrammer.Add(VrrpAddressSet set)
    {
        foreach (var vip in set.VirtualIpaddress.Concat(set.VirtualIpaddressExcluded))
        {
            if (_held.Add(vip.Address))
            {
                _lan.RecordHolder(Name, vip.Address, held: true);
            }
        }
    }

    void IVrrpAddressProgrammer.Remove(VrrpAddressSet set)
    {
        foreach (var vip in set.VirtualIpaddress.Concat(set.VirtualIpaddressExcluded))
        {
            if (_held.Remove(vip.Address))
            {
                _lan.RecordHolder(Name, vip.Address, held: false);
            }
        }
    }

    void IVrrpAnnouncer.SendGratuitousArp(string interfaceName, IPAddress address) =>
        _announcements.Add((_lan.Time.Elapsed, interfaceName, address));

    void IVrrpAnnouncer.SendUnsolicitedNeighborAdvert(string interfaceName, IPAddress address) =>
        _announcements.Add((_lan.Time.Elapsed, interfaceName, address));

    void IVrrpNotifier.Notify(VrrpNotification notification) => _notifications.Add((_lan.Time.Elapsed, notification));
}
