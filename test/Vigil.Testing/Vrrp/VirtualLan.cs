using System.Net;
using System.Net.Sockets;
using Vigil.Vrrp;
using Vigil.Vrrp.Packet;
using Vigil.Vrrp.Ports;

namespace Vigil.Testing.Vrrp;

/// <summary>
/// N routers on one simulated Ethernet segment, in virtual time. Every advert a router sends is recorded as the bytes
/// its engine encoded and delivered — synchronously, unless <see cref="Delay"/> is set — to every other connected
/// router's engine, which decodes and validates it like a packet from a socket. Packets can be dropped, delayed,
/// duplicated or corrupted, and the segment partitioned and healed. Which router holds which virtual address is
/// recorded over time.
/// </summary>
public sealed class VirtualLan : IDisposable
{
    private readonly List<VirtualRouter> _routers = [];
    private readonly List<WirePacket> _wire = [];
    private readonly List<HolderChange> _holders = [];
    private readonly List<ITimer> _delayed = [];
    private List<HashSet<VirtualRouter>>? _partition;
    private TimeSpan _instant = TimeSpan.MinValue;
    private int _sentThisInstant;

    public VirtualLan(ManualTimeProvider? time = null) => Time = time ?? new ManualTimeProvider();

    /// <summary>The shared virtual clock.</summary>
    public ManualTimeProvider Time { get; }

    public IReadOnlyList<VirtualRouter> Routers => _routers;

    /// <summary>Every advert sent, delivered or not, in order.</summary>
    public IReadOnlyList<WirePacket> Wire => _wire;

    /// <summary>Every address add/remove by any router, in order.</summary>
    public IReadOnlyList<HolderChange> HolderChanges => _holders;

    /// <summary>Drop a packet on its way to a receiver when this returns true.</summary>
    public Func<WirePacket, VirtualRouter, bool>? DropFilter { get; set; }

    /// <summary>Deliver a packet twice when this returns true.</summary>
    public Func<WirePacket, VirtualRouter, bool>? DuplicateFilter { get; set; }

    /// <summary>Replace the bytes a receiver gets (return null to leave them alone).</summary>
    public Func<WirePacket, VirtualRouter, byte[]?>? Mutate { get; set; }

    /// <summary>One-way delivery delay (zero = synchronous delivery).</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>More than <see cref="StormLimit"/> adverts were sent at one virtual instant (routers answering each
    /// other for ever); further ones at that instant were not delivered.</summary>
    public bool StormDetected { get; private set; }

    /// <summary>Adverts per virtual instant beyond which <see cref="StormDetected"/> is set.</summary>
    public int StormLimit { get; set; } = 1000;

    /// <summary>A simple VRRP instance: VI_1-style defaults on eth0.</summary>
    public static VrrpInstanceSettings Instance(
        byte priority,
        string name = "VI_1",
        byte vrid = 51,
        string vip = "192.0.2.100",
        VrrpVersion version = VrrpVersion.V2,
        double advertIntSeconds = 1) =>
        new()
        {
            Name = name,
            Interface = VirtualRouter.InterfaceName,
            VirtualRouterId = vrid,
            Priority = priority,
            Version = version,
            AdvertInt = TimeSpan.FromSeconds(advertIntSeconds),
            VirtualIpaddress = [VirtualIpAddress.Host(IPAddress.Parse(vip))],
        };

    /// <summary>Adds a router with IPv4 <paramref name="address"/> and a derived link-local IPv6 address.</summary>
    public VirtualRouter AddRouter(string name, string address, params VrrpInstanceSettings[] instances)
    {
        var v4 = IPAddress.Parse(address);
        var b = v4.GetAddressBytes();
        var v6 = IPAddress.Parse($"fe80::c0ff:fe00:{b[2]:x2}{b[3]:x2}");
        var router = new VirtualRouter(this, name, v4, v6, instances);
        _routers.Add(router);
        return router;
    }

    public void StartAll()
    {
        foreach (var r in _routers)
        {
            r.Start();
        }
    }

    /// <summary>Advances virtual time.</summary>
    public void Run(TimeSpan duration) => Time.Advance(duration);

    /// <summary>Routers holding <paramref name="vip"/> now.</summary>
    public IReadOnlyList<string> HoldersOf(string vip)
    {
        var address = IPAddress.Parse(vip);
        return [.. _routers.Where(r => r.HeldAddresses.Contains(address)).Select(r => r.Name)];
    }

    /// <summary>Splits the segment: routers in different groups stop hearing each other (routers in no group
    /// still hear each other).</summary>
    public void Partition(params VirtualRouter[][] groups) => _partition = [.. groups.Select(g => g.ToHashSet())];

    public void Heal() => _partition = null;

    /// <summary>Adverts sent by <paramref name="router"/> (optionally only since <paramref name="since"/>).</summary>
    public IReadOnlyList<WirePacket> SentBy(VirtualRouter router, TimeSpan? since = null) =>
        [.. _wire.Where(p => p.From == router.Name && (since is null || p.At >= since))];

    public void Dispose()
    {
        foreach (var r in _routers.Where(r => r.IsRunning))
        {
            r.Engine.Dispose();
        }

        foreach (var t in _delayed)
        {
            t.Dispose();
        }
    }

    internal void RecordHolder(string router, IPAddress address, bool held) =>
        _holders.Add(new HolderChange(Time.Elapsed, router, address, held));

    internal void Transmit(VirtualRouter from, in VrrpTransmitMeta meta, ReadOnlySpan<byte> payload)
    {
        var packet = new WirePacket(Time.Elapsed, from.Name, meta.Source, meta.Destination, meta.Ttl, payload.ToArray());
        _sentThisInstant = packet.At == _instant ? _sentThisInstant + 1 : 1;
        _instant = packet.At;
        if (_sentThisInstant > StormLimit)
        {
            StormDetected = true;
            return;
        }

        _wire.Add(packet);
        if (!from.CanTalk)
        {
            return;
        }

        foreach (var to in _routers.ToList())
        {
            if (to == from || !Connected(from, to) || (meta.IsUnicast && !to.Owns(meta.Destination)))
            {
                continue;
            }

            if (DropFilter?.Invoke(packet, to) == true)
            {
                continue;
            }

            var bytes = Mutate?.Invoke(packet, to) ?? packet.Payload;
            var copies = DuplicateFilter?.Invoke(packet, to) == true ? 2 : 1;
            for (var c = 0; c < copies; c++)
            {
                if (Delay > TimeSpan.Zero)
                {
                    var m = meta;
                    ITimer? timer = null;
                    timer = Time.CreateTimer(
                        _ =>
                        {
                            Deliver(to, bytes, m);
                            timer?.Dispose();
                        },
                        null,
                        Delay,
                        Timeout.InfiniteTimeSpan);
                    _delayed.Add(timer);
                }
                else
                {
                    Deliver(to, bytes, meta);
                }
            }
        }
    }

    private static void Deliver(VirtualRouter to, byte[] bytes, in VrrpTransmitMeta meta)
    {
        if (!to.CanTalk)
        {
            return;
        }

        var header = meta.Source.AddressFamily == AddressFamily.InterNetworkV6 ? 40 : 20;
        var rx = new VrrpReceiveMeta(VirtualRouter.InterfaceName, meta.Source, meta.Destination, meta.Ttl ?? 64, meta.IsUnicast)
        {
            IpHeaderLength = header,
            IpTotalLength = header + bytes.Length,
        };
        to.Engine.PostAdvert(bytes, rx);
    }

    private bool Connected(VirtualRouter a, VirtualRouter b)
    {
        if (!a.CanTalk || !b.CanTalk)
        {
            return false;
        }

        if (_partition is null)
        {
            return true;
        }

        var ga = _partition.FindIndex(g => g.Contains(a));
        var gb = _partition.FindIndex(g => g.Contains(b));
        return ga == gb;
    }
}
