using System.Net;

namespace Vigil.Checkers;

/// <summary>
/// One checker block of a <c>real_server</c> (keepalived.conf(5), "healthcheckers"). Properties are named
/// after the keywords and hold what the configuration said; null means "not given", so the inheritance
/// virtual_server → real_server → checker and the per-checker defaults are applied in one place,
/// <see cref="CheckerTiming.Resolve"/>.
/// </summary>
public abstract record CheckerSettings
{
    public abstract CheckerKind Kind { get; }

    /// <summary>The keepalived keyword that opens the block, e.g. <c>TCP_CHECK</c>.</summary>
    public string Keyword => Kind switch
    {
        CheckerKind.Tcp => "TCP_CHECK",
        CheckerKind.HttpGet => "HTTP_GET",
        CheckerKind.SslGet => "SSL_GET",
        CheckerKind.Smtp => "SMTP_CHECK",
        CheckerKind.Dns => "DNS_CHECK",
        CheckerKind.Misc => "MISC_CHECK",
        CheckerKind.Udp => "UDP_CHECK",
        CheckerKind.Ping => "PING_CHECK",
        _ => "FILE_CHECK",
    };

    /// <summary><c>connect_ip</c>: address to probe; default the real server's.</summary>
    public IPAddress? ConnectIp { get; init; }

    /// <summary><c>connect_port</c>: port to probe; default the real server's.</summary>
    public int? ConnectPort { get; init; }

    /// <summary><c>bindto</c>: source address of probes.</summary>
    public IPAddress? BindTo { get; init; }

    /// <summary><c>bind_port</c>: source port of probes.</summary>
    public int? BindPort { get; init; }

    /// <summary><c>bind_if</c>: interface the probe socket is bound to (SO_BINDTODEVICE).</summary>
    public string? BindInterface { get; init; }

    /// <summary><c>fwmark</c>: mark set on probe packets (SO_MARK).</summary>
    public uint? FwMark { get; init; }

    /// <summary><c>connect_timeout</c> (default 5 s).</summary>
    public TimeSpan? ConnectTimeout { get; init; }

    /// <summary><c>retry</c> (also the deprecated <c>nb_get_retry</c>).</summary>
    public int? Retry { get; init; }

    /// <summary><c>delay_before_retry</c>.</summary>
    public TimeSpan? DelayBeforeRetry { get; init; }

    /// <summary><c>warmup</c>: the first check is delayed by a random time in [0, warmup].</summary>
    public TimeSpan? Warmup { get; init; }

    /// <summary><c>delay_loop</c>.</summary>
    public TimeSpan? DelayLoop { get; init; }

    /// <summary><c>alpha</c>: start in the failed state.</summary>
    public bool? Alpha { get; init; }

    /// <summary><c>log_all_failures</c>: report every failure while up, not only state changes.</summary>
    public bool LogAllFailures { get; init; }
}
