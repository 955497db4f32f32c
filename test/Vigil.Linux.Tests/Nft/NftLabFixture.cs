using Vigil.Testing.Servers;
using System.Net;
using Vigil.Testing;

namespace Vigil.Linux.Tests.Nft;

/// <summary>
/// One topology for the nftables end-to-end tests (built once per class, removed after):
/// <code>
/// client 198.51.100.2,.3 ── eth0 director 198.51.100.1 (VIP 198.51.100.100) eth1 203.0.113.1 ── switch ── rs1 .11, rs2 .12, rs3 .13
/// </code>
/// The real servers route back through the director (LVS-NAT), rs3 also serves a "sorry" server on 8080,
/// and "lonely" (203.0.113.20) has no route back, so only masquerading reaches it.
/// </summary>
public sealed class NftLabFixture : IDisposable
{
    public static readonly IPAddress Vip = IPAddress.Parse("198.51.100.100");
    public static readonly IPAddress Client1 = IPAddress.Parse("198.51.100.2");
    public static readonly IPAddress Client2 = IPAddress.Parse("198.51.100.3");
    public static readonly IPAddress Vip6 = IPAddress.Parse("2001:db8:1::100");
    public static readonly IPAddress Client6 = IPAddress.Parse("2001:db8:1::2");

    private readonly List<TinyHttpServer> _servers = [];

    public NftLabFixture()
    {
        if (Requirements.Missing("ip", "nft") is not null && !Requirements.RequireAll)
        {
            return; // the tests skip; nothing to build
        }

        Lab = new Lab();
        Client = Lab.Host("client");
        Director = Lab.Host("dir");
        var sw = Lab.Switch();
        Lab.Link(Client, "eth0", Director, "eth0");
        Client.AddAddress("eth0", "198.51.100.2/24");
        Client.AddAddress("eth0", "198.51.100.3/24");
        Director.AddAddress("eth0", "198.51.100.1/24");
        Director.AddAddress("eth0", "198.51.100.100/32");
        Lab.Attach(Director, "eth1", sw);
        Director.AddAddress("eth1", "203.0.113.1/24");
        Director.Exec("sysctl", "-qw", "net.ipv4.ip_forward=1").EnsureSuccess("ip_forward");
        Director.Exec("sysctl", "-qw", "net.ipv6.conf.all.forwarding=1").EnsureSuccess("ipv6 forwarding");
        Client.Ip("addr", "add", "2001:db8:1::2/64", "dev", "eth0", "nodad");
        Director.Ip("addr", "add", "2001:db8:1::1/64", "dev", "eth0", "nodad");
        Director.Ip("addr", "add", "2001:db8:1::100/128", "dev", "eth0", "nodad");
        Director.Ip("addr", "add", "2001:db8:2::1/64", "dev", "eth1", "nodad");
        for (var i = 1; i <= 3; i++)
        {
            var rs = Lab.Host($"rs{i}");
            Lab.Attach(rs, "eth0", sw);
            rs.AddAddress("eth0", $"203.0.113.1{i}/24");
            rs.Ip("route", "add", "default", "via", "203.0.113.1");
            rs.Ip("addr", "add", $"2001:db8:2::1{i}/64", "dev", "eth0", "nodad");
            rs.Ip("-6", "route", "add", "default", "via", "2001:db8:2::1");
            _servers.Add(new TinyHttpServer(rs, IPAddress.Parse($"203.0.113.1{i}"), 80, $"rs{i}"));
            _servers.Add(new TinyHttpServer(rs, IPAddress.Parse($"2001:db8:2::1{i}"), 80, $"rs{i}v6"));
            if (i == 3)
            {
                _servers.Add(new TinyHttpServer(rs, IPAddress.Parse("203.0.113.13"), 8080, "sorry"));
            }
        }

        var lonely = Lab.Host("lonely");
        Lab.Attach(lonely, "eth0", sw);
        lonely.AddAddress("eth0", "203.0.113.20/24");
        _servers.Add(new TinyHttpServer(lonely, IPAddress.Parse("203.0.113.20"), 80, "lonely"));
    }

    public Lab? Lab { get; }

    public NetNs Client { get; } = null!;

    public NetNs Director { get; } = null!;

    public IReadOnlyList<TinyHttpServer> Servers => _servers;

    /// <summary>GET / on the VIP from <paramref name="source"/>.</summary>
    public string Get(IPAddress? source = null, int port = 80) => TinyHttpServer.Get(Client, Vip, port, source ?? Client1);

    /// <summary>GET / on the IPv6 VIP.</summary>
    public string Get6() => TinyHttpServer.Get(Client, Vip6, 80, Client6);

    public void Dispose()
    {
        foreach (var s in _servers)
        {
            s.Dispose();
        }

        Lab?.Dispose();
    }
}
