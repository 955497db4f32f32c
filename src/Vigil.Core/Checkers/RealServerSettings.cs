using System.Collections.Immutable;
using System.Net;

namespace Vigil.Checkers;

/// <summary>
/// <c>real_server ADDR [PORT] { }</c>. Timing keywords are null when absent so they inherit from the
/// virtual server and are overridden by the checker (<see cref="CheckerTiming.Resolve"/>).
/// </summary>
public sealed record RealServerSettings
{
    public required IPAddress Address { get; init; }

    /// <summary>The port (0 for real servers of a fwmark service given without one).</summary>
    public int Port { get; init; }

    /// <summary><c>weight</c> (default 1).</summary>
    public int Weight { get; init; } = 1;

    /// <summary><c>lvs_method</c>; null = the service's.</summary>
    public ForwardingSettings? Forwarding { get; init; }

    /// <summary><c>uthreshold</c>.</summary>
    public int UpperThreshold { get; init; }

    /// <summary><c>lthreshold</c>.</summary>
    public int LowerThreshold { get; init; }

    /// <summary><c>notify_up</c>.</summary>
    public NotifyScript? NotifyUp { get; init; }

    /// <summary><c>notify_down</c>.</summary>
    public NotifyScript? NotifyDown { get; init; }

    /// <summary><c>smtp_alert</c> after applying keepalived's default (yes for real servers when mail is configured).</summary>
    public bool SmtpAlert { get; init; }

    /// <summary><c>virtualhost</c> for HTTP_GET / SSL_GET of this server.</summary>
    public string? VirtualHost { get; init; }

    /// <summary><c>inhibit_on_failure</c>; null = the service's.</summary>
    public bool? InhibitOnFailure { get; init; }

    public bool? Alpha { get; init; }

    public TimeSpan? ConnectTimeout { get; init; }

    public int? Retry { get; init; }

    public TimeSpan? DelayBeforeRetry { get; init; }

    public TimeSpan? Warmup { get; init; }

    public TimeSpan? DelayLoop { get; init; }

    /// <summary>The checker blocks; a real server is alive only when all of them are up.</summary>
    public ImmutableArray<CheckerSettings> Checkers { get; init; } = [];

    public RealServerKey Key => new(Address, Port);
}
