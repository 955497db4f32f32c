using System.Globalization;
using System.Text.RegularExpressions;
using Vigil.Testing;
using Vigil.Testing.Nodes;

namespace Vigil.Integration.Tests.Vrrp;

/// <summary>
/// Two VRRP nodes (Vigil or keepalived 2.2.7) in namespaces on one bridge (or two bridges and a router for the routed
/// unicast case), with configuration generated per <see cref="InteropMode"/>.
/// </summary>
internal sealed class InteropScenario : IDisposable
{
    public const int HighPriority = 150;
    public const int LowPriority = 100;

    private readonly InteropMode _mode;

    public InteropScenario(InteropMode mode, bool highIsVigil, bool lowIsVigil)
    {
        _mode = mode;
        Lab = new Lab();
        Switch = Lab.Switch();
        HighNs = Lab.Host("hi");
        LowNs = Lab.Host("lo");
        if (IsV6)
        {
            foreach (var ns in new[] { HighNs, LowNs })
            {
                // No DAD: the link-local source address is usable at once.
                ns.Exec("sysctl", "-qw", "net.ipv6.conf.default.accept_dad=0");
                ns.Exec("sysctl", "-qw", "net.ipv6.conf.all.accept_dad=0");
            }
        }

        Lab.Attach(HighNs, "eth0", Switch);
        if (mode == InteropMode.V2UnicastRouted)
        {
            // hi on 192.0.2.0/24, lo on 198.51.100.0/24, a router between them.
            var sw2 = Lab.Switch("sw2");
            var router = Lab.Host("rt");
            Lab.Attach(router, "eth0", Switch);
            Lab.Attach(router, "eth1", sw2);
            Lab.Attach(LowNs, "eth0", sw2);
            router.AddAddress("eth0", "192.0.2.254/24");
            router.AddAddress("eth1", "198.51.100.254/24");
            router.Exec("sysctl", "-qw", "net.ipv4.ip_forward=1");
            HighNs.AddAddress("eth0", "192.0.2.1/24");
            LowNs.AddAddress("eth0", "198.51.100.2/24");
            HighNs.Ip("route", "add", "default", "via", "192.0.2.254");
            LowNs.Ip("route", "add", "default", "via", "198.51.100.254");
            HighAddress = "192.0.2.1";
            LowAddress = "198.51.100.2";
        }
        else
        {
            Lab.Attach(LowNs, "eth0", Switch);
            if (IsV6)
            {
                HighNs.AddAddress("eth0", "2001:db8::1/64");
                LowNs.AddAddress("eth0", "2001:db8::2/64");
                HighAddress = "2001:db8::1";
                LowAddress = "2001:db8::2";
            }
            else
            {
                HighNs.AddAddress("eth0", "192.0.2.1/24");
                LowNs.AddAddress("eth0", "192.0.2.2/24");
                HighAddress = "192.0.2.1";
                LowAddress = "192.0.2.2";
            }
        }

        High = highIsVigil ? new VigilNode(Lab, HighNs, "high") : new KeepalivedNode(Lab, HighNs, "high");
        Low = lowIsVigil ? new VigilNode(Lab, LowNs, "low") : new KeepalivedNode(Lab, LowNs, "low");
        High.Configure(Config(HighPriority, HighAddress, LowAddress, nopreempt: false));
        Low.Configure(Config(LowPriority, LowAddress, HighAddress, nopreempt: false));
    }

    public Lab Lab { get; }

    public NetNs Switch { get; }

    public NetNs HighNs { get; }

    public NetNs LowNs { get; }

    public DaemonNode High { get; }

    public DaemonNode Low { get; }

    public string HighAddress { get; }

    public string LowAddress { get; }

    public InteropMode Mode => _mode;

    public bool IsV6 => _mode == InteropMode.V3Ipv6;

    public string Vip => IsV6 ? "2001:db8::100" : "203.0.113.100";

    public TimeSpan AdvertInterval => _mode is InteropMode.V2Multicast or InteropMode.V2Unicast or InteropMode.V2UnicastRouted
        ? TimeSpan.FromSeconds(1)
        : TimeSpan.FromMilliseconds(500);

    /// <summary>Master_Down_Interval of the low-priority node (RFC 5798 §6.1).</summary>
    public TimeSpan MasterDownInterval => (AdvertInterval * 3) + (AdvertInterval * (256 - LowPriority) / 256);

    /// <summary>A generous bound for an election that needs one master-down interval plus process start.</summary>
    public TimeSpan ElectionTimeout => (MasterDownInterval * 2) + TimeSpan.FromSeconds(5);

    public string Config(int priority, string self, string peer, bool nopreempt)
    {
        var version = _mode is InteropMode.V3Multicast or InteropMode.V3ChecksumAsV2 or InteropMode.V3Ipv6 ? "version 3\n" : "";
        var asV2 = _mode == InteropMode.V3ChecksumAsV2 ? "v3_checksum_as_v2\n" : "";
        var unicast = _mode is InteropMode.V2Unicast or InteropMode.V2UnicastRouted
            ? $"unicast_src_ip {self}\nunicast_peer {{\n{peer}\n}}\n"
            : "";
        var vip = IsV6 ? "2001:db8::100/64" : "203.0.113.100/32";
        var interval = AdvertInterval.TotalSeconds.ToString(CultureInfo.InvariantCulture);
        return $$"""
            vrrp_instance VI_1 {
            state BACKUP
            interface eth0
            virtual_router_id 51
            priority {{priority}}
            advert_int {{interval}}
            {{version}}{{asV2}}{{unicast}}{{(nopreempt ? "nopreempt\n" : "")}}virtual_ipaddress {
            {{vip}}
            }
            }

            """;
    }

    /// <summary>Exactly one of the two namespaces holds the VIP, and it is <paramref name="expected"/>.</summary>
    public bool OnlyHolder(NetNs expected)
    {
        var other = expected == HighNs ? LowNs : HighNs;
        return expected.HasAddress(Vip) && !other.HasAddress(Vip);
    }

    /// <summary>keepalived complaints about received adverts (2.2.7 wording: bad checksum, invalid TTL/version/…).</summary>
    public static IReadOnlyList<string> Complaints(DaemonNode node) =>
        [.. Regex.Matches(node.Log, @"^.*(?i:bogus|checksum|invalid|incorrect|mismatch|wrong|bad ).*$", RegexOptions.Multiline).Select(m => m.Value)];

    public void Dispose()
    {
        High.Dispose();
        Low.Dispose();
        Lab.Dispose();
    }
}
