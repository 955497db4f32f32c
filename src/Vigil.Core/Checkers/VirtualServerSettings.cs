using System.Collections.Immutable;

namespace Vigil.Checkers;

/// <summary>The checker-relevant part of a <c>virtual_server { }</c> block.</summary>
public sealed record VirtualServerSettings
{
    public required VirtualServiceKey Key { get; init; }

    /// <summary><c>lvs_method</c> / <c>lb_kind</c> (default NAT).</summary>
    public ForwardingSettings Forwarding { get; init; } = ForwardingSettings.Nat;

    /// <summary><c>quorum</c> (default 1).</summary>
    public int Quorum { get; init; } = 1;

    /// <summary><c>hysteresis</c> (default 0).</summary>
    public int Hysteresis { get; init; }

    /// <summary><c>quorum_up</c>.</summary>
    public NotifyScript? QuorumUp { get; init; }

    /// <summary><c>quorum_down</c>.</summary>
    public NotifyScript? QuorumDown { get; init; }

    /// <summary><c>sorry_server</c>.</summary>
    public SorryServerSettings? SorryServer { get; init; }

    /// <summary><c>sorry_server_inhibit</c>: the sorry server stays in the table with weight 0 while quorum is up.</summary>
    public bool SorryServerInhibit { get; init; }

    /// <summary><c>inhibit_on_failure</c>: failed real servers get weight 0 instead of being removed.</summary>
    public bool InhibitOnFailure { get; init; }

    /// <summary>Global <c>rs_init_notifies</c>: at start every real server that starts up (no alpha) gets its
    /// <c>notify_up</c> and FIFO line, before the service's own (observed with keepalived 2.2.7).</summary>
    public bool InitialNotifies { get; init; }

    /// <summary><c>alpha</c>.</summary>
    public bool Alpha { get; init; }

    /// <summary><c>omega</c>: run quorum_down / notify_down at shutdown.</summary>
    public bool Omega { get; init; }

    /// <summary><c>ha_suspend</c>: checkers pause while the service address is not configured locally.</summary>
    public bool HaSuspend { get; init; }

    /// <summary><c>smtp_alert</c> after applying keepalived's default (no for services unless set globally).</summary>
    public bool SmtpAlert { get; init; }

    /// <summary><c>virtualhost</c> for HTTP_GET / SSL_GET.</summary>
    public string? VirtualHost { get; init; }

    /// <summary><c>delay_loop</c> (default 60 s).</summary>
    public TimeSpan? DelayLoop { get; init; }

    public TimeSpan? ConnectTimeout { get; init; }

    public int? Retry { get; init; }

    public TimeSpan? DelayBeforeRetry { get; init; }

    public TimeSpan? Warmup { get; init; }

    public ImmutableArray<RealServerSettings> RealServers { get; init; } = [];
}
