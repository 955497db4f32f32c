using System.Net;
using Vigil.Checkers;
using Vigil.Testing;

namespace Vigil.Linux.Checkers.Tests;

/// <summary>
/// Two namespaces joined by a veth pair: the client "c" (192.0.2.1, 2001:db8::1, plus 192.0.2.3 for
/// bindto) where probes run, and the server "s" (192.0.2.2, 2001:db8::2) where the test servers listen.
/// Shared by the tests of a class; skipped loudly (NetFact) without root.
/// </summary>
public sealed class ProbeLab : IDisposable
{
    public static readonly IPAddress ServerV4 = IPAddress.Parse("192.0.2.2");
    public static readonly IPAddress ServerV6 = IPAddress.Parse("2001:db8::2");
    public static readonly IPAddress ClientV4 = IPAddress.Parse("192.0.2.1");
    public static readonly IPAddress ClientAltV4 = IPAddress.Parse("192.0.2.3");
    public static readonly IPAddress Nowhere = IPAddress.Parse("192.0.2.99");

    private readonly Lab? _lab;
    private readonly List<IDisposable> _servers = [];

    public ProbeLab()
    {
        if (Requirements.Missing("ip") is not null)
        {
            return;
        }

        _lab = new Lab();
        Client = _lab.Host("c");
        Server = _lab.Host("s");
        _lab.Link(Client, "eth0", Server, "eth0");
        Client.AddAddress("eth0", "192.0.2.1/24");
        Client.AddAddress("eth0", "192.0.2.3/24");
        Server.AddAddress("eth0", "192.0.2.2/24");
        Client.Ip("-6", "addr", "add", "2001:db8::1/64", "dev", "eth0", "nodad");
        Server.Ip("-6", "addr", "add", "2001:db8::2/64", "dev", "eth0", "nodad");
    }

    public NetNs Client { get; } = null!;

    public NetNs Server { get; } = null!;

    public Lab Lab => _lab ?? throw new InvalidOperationException("no lab (not root)");

    /// <summary>Starts a server inside the server namespace (its sockets are created there) and keeps it until the lab ends.</summary>
    public T Serve<T>(Func<T> create)
        where T : IDisposable
    {
        var server = Server.Run(create);
        lock (_servers)
        {
            _servers.Add(server);
        }

        return server;
    }

    /// <summary>Runs a probe from the client namespace (its socket is created there) and awaits it.</summary>
    public async Task<ProbeResult> ProbeAsync(IHealthProbe probe, TimeSpan timeout, int step = 0)
    {
        var task = Client.Run(() => probe.ProbeAsync(new ProbeContext(step, timeout), CancellationToken.None).AsTask());
        return await task.WaitAsync(timeout + TimeSpan.FromSeconds(10));
    }

    public void Dispose()
    {
        lock (_servers)
        {
            foreach (var s in _servers)
            {
                s.Dispose();
            }
        }

        _lab?.Dispose();
    }

    public static RealServerSettings RealServer(IPAddress address, int port) => new() { Address = address, Port = port };
}
