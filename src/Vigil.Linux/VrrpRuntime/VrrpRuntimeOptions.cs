using System.Collections.Immutable;
using Vigil.Vrrp;
using Vigil.Vrrp.Ports;

namespace Vigil.Linux.VrrpRuntime;

/// <summary>What <see cref="VrrpRuntime"/> runs and how.</summary>
public sealed record VrrpRuntimeOptions
{
    /// <summary>The instances (from <c>Vigil.Runtime.VrrpSettingsMapper</c>).</summary>
    public ImmutableArray<VrrpInstanceSettings> Instances { get; init; } = [];

    /// <summary><c>notify_fifo</c> and <c>vrrp_notify_fifo</c>: every VRRP notification line goes to each.</summary>
    public ImmutableArray<VrrpFifoSettings> Fifos { get; init; } = [];

    /// <summary><c>script_user</c> / <c>script_group</c>: default user of notify scripts.</summary>
    public string? ScriptUser { get; init; }

    /// <summary>Group for <see cref="ScriptUser"/>.</summary>
    public string? ScriptGroup { get; init; }

    /// <summary><c>-V</c> / <c>--dont-release-vrrp</c>: leave VIPs in place at exit.</summary>
    public bool DontReleaseVrrp { get; init; }

    /// <summary>vrrp_scripts, tracked interfaces and files, sync groups.</summary>
    public Vigil.Vrrp.Tracking.VrrpTrackingPlan Tracking { get; init; } = Vigil.Vrrp.Tracking.VrrpTrackingPlan.Empty;

    /// <summary>How often <c>/proc</c> is scanned for track_process.</summary>
    public TimeSpan ProcessPollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Mail settings for <c>smtp_alert</c> (null: no mail).</summary>
    public Vigil.Linux.Notify.SmtpAlertSettings? Smtp { get; init; }

    /// <summary>Instances with <c>smtp_alert</c>.</summary>
    public ImmutableArray<string> SmtpAlertInstances { get; init; } = [];

    /// <summary>Sync groups with <c>smtp_alert</c>: their group transitions are mailed too.</summary>
    public ImmutableArray<string> SmtpAlertGroups { get; init; } = [];

    /// <summary><c>static_ipaddress</c> (each with its device): added at start, removed at exit, put back if deleted.</summary>
    public ImmutableArray<VirtualIpAddress> StaticAddresses { get; init; } = [];

    /// <summary><c>static_routes</c>: as <see cref="StaticAddresses"/>.</summary>
    public ImmutableArray<VirtualRoute> StaticRoutes { get; init; } = [];

    /// <summary><c>static_rules</c>: as <see cref="StaticAddresses"/>.</summary>
    public ImmutableArray<VirtualRule> StaticRules { get; init; } = [];

    /// <summary><c>nftables [TABLE]</c>: the firewall table for no_accept / strict mode and use_vmac.</summary>
    public string NftablesTable { get; init; } = "keepalived";

    /// <summary><c>nftables_priority</c>.</summary>
    public int NftablesPriority { get; init; } = -1;

    /// <summary>Further observers of every notification (e.g. the IPVS sync daemon following an instance).</summary>
    public ImmutableArray<IVrrpNotifier> Observers { get; init; } = [];

    /// <summary>How long after a socket failure (or a missing interface) opening it is tried again.</summary>
    public TimeSpan SocketRetry { get; init; } = TimeSpan.FromSeconds(1);
}
