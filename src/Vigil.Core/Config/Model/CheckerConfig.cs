using System.Collections.Immutable;
using System.Net;
using System.Text.Json.Serialization;

namespace Vigil.Config.Model;

/// <summary>
/// A health checker of a real server, with the common options resolved through VS → RS → checker inheritance and
/// the per-type defaults of keepalived.conf(5): <c>connect_timeout</c> 5 s; <c>retry</c> 1 (3 for DNS_CHECK, 0 for
/// MISC_CHECK); <c>delay_before_retry</c> 1 s (3 s for HTTP_GET/SSL_GET, <c>delay_loop</c> for DNS_CHECK);
/// <c>warmup</c> = <c>delay_loop</c>; <c>delay_loop</c> 60 s.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "checker")]
[JsonDerivedType(typeof(TcpCheckConfig), "TCP_CHECK")]
[JsonDerivedType(typeof(HttpGetCheckConfig), "HTTP_GET")]
[JsonDerivedType(typeof(SmtpCheckConfig), "SMTP_CHECK")]
[JsonDerivedType(typeof(DnsCheckConfig), "DNS_CHECK")]
[JsonDerivedType(typeof(MiscCheckConfig), "MISC_CHECK")]
[JsonDerivedType(typeof(UdpCheckConfig), "UDP_CHECK")]
[JsonDerivedType(typeof(PingCheckConfig), "PING_CHECK")]
[JsonDerivedType(typeof(FileCheckConfig), "FILE_CHECK")]
[JsonDerivedType(typeof(BfdCheckConfig), "BFD_CHECK")]
public abstract record CheckerConfig
{
    public abstract CheckerKind Kind { get; }

    /// <summary>Address to connect to (default: the real server's).</summary>
    public IPAddress? ConnectIp { get; init; }

    /// <summary>Port to connect to (default: the real server's).</summary>
    public ushort ConnectPort { get; init; }

    public IPAddress? BindTo { get; init; }

    public string? BindInterface { get; init; }

    public ushort BindPort { get; init; }

    public uint? FwMark { get; init; }

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Extra attempts while the server is up before declaring it down.</summary>
    public int Retry { get; init; } = 1;

    public TimeSpan DelayBeforeRetry { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The first check is delayed randomly in [0, warmup].</summary>
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(60);

    public TimeSpan DelayLoop { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Start in the failed state (the server is only added after the first success).</summary>
    public bool Alpha { get; init; }

    public bool LogAllFailures { get; init; }

    public SourceLocation Location { get; init; }

    internal LbExplicit Explicit { get; init; }
}
