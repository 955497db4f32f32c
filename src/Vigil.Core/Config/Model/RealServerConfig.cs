using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;

namespace Vigil.Config.Model;

/// <summary><c>real_server ADDR [PORT]</c> with inherited values resolved and its checkers.</summary>
public sealed record RealServerConfig
{
    public required IPAddress Address { get; init; }

    public ushort Port { get; init; }

    public int Weight { get; init; } = 1;

    public LvsForwardingConfig Forwarding { get; init; } = LvsForwardingConfig.Nat;

    public ScriptConfig? NotifyUp { get; init; }

    public ScriptConfig? NotifyDown { get; init; }

    public uint UpperThreshold { get; init; }

    public uint LowerThreshold { get; init; }

    public bool SmtpAlert { get; init; }

    public string? VirtualHost { get; init; }

    public string? SnmpName { get; init; }

    public bool Alpha { get; init; }

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    public int? Retry { get; init; }

    public TimeSpan? DelayBeforeRetry { get; init; }

    public TimeSpan? Warmup { get; init; }

    public TimeSpan DelayLoop { get; init; } = TimeSpan.FromSeconds(60);

    public bool InhibitOnFailure { get; init; }

    public ImmutableArray<CheckerConfig> Checkers { get; init; } = [];

    public SourceLocation Location { get; init; }

    internal LbExplicit Explicit { get; init; }

    public override string ToString() => $"[{Address}]:{Port}";
}
