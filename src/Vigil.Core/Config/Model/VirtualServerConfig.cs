using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;

namespace Vigil.Config.Model;

/// <summary>
/// <c>virtual_server</c>: one IPVS service (or a group of them), resolved. Its real servers and their checkers
/// already carry the inherited timing values (VS → RS → checker).
/// </summary>
public sealed record VirtualServerConfig
{
    public VirtualServerKind Kind { get; init; }

    public IPAddress? Address { get; init; }

    public ushort Port { get; init; }

    public uint? FwMark { get; init; }

    public string? GroupName { get; init; }

    public AddressFamily Family { get; init; } = AddressFamily.InterNetwork;

    /// <summary>rr|wrr|lc|wlc|lblc|sh|mh|dh|fo|ovf|lblcr|sed|nq|twos (default wlc).</summary>
    public string Scheduler { get; init; } = "wlc";

    public bool Flag1 { get; init; }

    public bool Flag2 { get; init; }

    public bool Flag3 { get; init; }

    public bool OnePacketScheduling { get; init; }

    public LvsForwardingConfig Forwarding { get; init; } = LvsForwardingConfig.Nat;

    public string? PersistenceEngine { get; init; }

    /// <summary>Persistence timeout; null = not persistent. A bare <c>persistence_timeout</c> means 360 s.</summary>
    public TimeSpan? PersistenceTimeout { get; init; }

    public IPAddress? PersistenceGranularity { get; init; }

    public IpvsProtocol Protocol { get; init; } = IpvsProtocol.Tcp;

    public bool HaSuspend { get; init; }

    public bool SmtpAlert { get; init; }

    public string? VirtualHost { get; init; }

    public string? SnmpName { get; init; }

    public bool Alpha { get; init; }

    public bool Omega { get; init; }

    public int Quorum { get; init; } = 1;

    public int Hysteresis { get; init; }

    public ScriptConfig? QuorumUp { get; init; }

    public ScriptConfig? QuorumDown { get; init; }

    public SorryServerConfig? SorryServer { get; init; }

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    public int? Retry { get; init; }

    public TimeSpan? DelayBeforeRetry { get; init; }

    public TimeSpan? Warmup { get; init; }

    public TimeSpan DelayLoop { get; init; } = TimeSpan.FromSeconds(60);

    public bool InhibitOnFailure { get; init; }

    /// <summary>Default weight of the real servers (1).</summary>
    public int Weight { get; init; } = 1;

    public ImmutableArray<RealServerConfig> RealServers { get; init; } = [];

    public SourceLocation Location { get; init; }

    internal LbExplicit Explicit { get; init; }

    /// <summary>keepalived's display form: <c>[ADDR]:proto:PORT</c>, <c>FWM N</c> or <c>[GROUP]:PORT</c>.</summary>
    public override string ToString() => Kind switch
    {
        VirtualServerKind.FwMark => $"FWM {FwMark}",
        VirtualServerKind.Group => $"[{GroupName}]:{Port}",
        _ => $"[{Address}]:{ProtocolName(Protocol)}:{Port}",
    };

    internal static string ProtocolName(IpvsProtocol p) => p switch
    {
        IpvsProtocol.Tcp => "tcp",
        IpvsProtocol.Udp => "udp",
        IpvsProtocol.Sctp => "sctp",
        _ => "none",
    };
}
