using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Vigil.Config.Model;
using Vigil.Linux.Host;
using Vigil.Linux.VrrpRuntime;
using Vigil.Runtime;

namespace Vigil.Cli.Daemon;

/// <summary>
/// keepalived's VRRP child in-process: maps the configuration, holds the VRRP pid file (-r), runs the
/// <see cref="VrrpRuntime"/> and stops it like keepalived on SIGTERM (priority 0, VIPs released unless -V, STOP
/// notifications).
/// </summary>
internal sealed partial class VrrpSubsystem(DaemonContext context) : ISubsystem
{
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ILogger _logger = context.LoggerFactory.CreateLogger("Vigil.Daemon.Vrrp");
    private VrrpRuntime? _runtime;
    private PidFile? _pidFile;
    private Linux.Ipvs.IpvsClient? _ipvs;

    public string Name => "VRRP";

    public Task Completion => _completion.Task;

    /// <summary>The running runtime (for tracking and status consumers).</summary>
    public VrrpRuntime? Runtime => _runtime;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var global = context.Config.Global;
        var pidPath = DaemonPaths.VrrpPidFile(context.Options, global);
        if (pidPath != DaemonPaths.MainPidFile(context.Options, global))
        {
            _pidFile = PidFile.TryAcquire(pidPath, out var error) ?? throw new InvalidOperationException($"VRRP child: {error}");
        }

        var plan = VrrpSettingsMapper.Map(context.Config);
        foreach (var line in plan.Unsupported)
        {
            LogUnsupported(_logger, line);
        }

        var fifos = ImmutableArray.CreateBuilder<VrrpFifoSettings>();
        foreach (var f in new[] { global.NotifyFifo, global.VrrpNotifyFifo })
        {
            if (f is not null && !fifos.Any(x => x.Path == f.Path))
            {
                fifos.Add(Fifo(f));
            }
        }

        _runtime = new VrrpRuntime(
            new VrrpRuntimeOptions
            {
                Instances = plan.Instances,
                Tracking = plan.Tracking,
                Smtp = Smtp(global),
                SmtpAlertInstances = SmtpAlertInstances(context.Config, plan),
                SmtpAlertGroups = [.. plan.Tracking.SyncGroups.Select(g => g.Name)
                    .Where(n => context.Config.SyncGroups.Any(c => c.Name == n && c.SmtpAlert))],
                Fifos = fifos.ToImmutable(),
                ScriptUser = global.ScriptUser,
                ScriptGroup = global.ScriptGroup,
                DontReleaseVrrp = context.Options.DontReleaseVrrp,
                StaticAddresses = plan.StaticAddresses,
                StaticRoutes = plan.StaticRoutes,
                StaticRules = plan.StaticRules,
                NftablesTable = global.Nftables ?? "keepalived",
                NftablesPriority = global.NftablesPriority,
                Observers = SyncDaemonFollower(plan),
            },
            context.Time,
            context.LoggerFactory);
        await _runtime.StartAsync(cancellationToken).ConfigureAwait(false);
        _ = _runtime.Completion.ContinueWith(t => _completion.TrySetException(new InvalidOperationException("VRRP runtime ended")), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
    }

    public Task StopAsync(CancellationToken cancellationToken) => _runtime?.StopAsync(cancellationToken) ?? Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_runtime is not null)
        {
            await _runtime.DisposeAsync().ConfigureAwait(false);
        }

        _pidFile?.Dispose();
        _ipvs?.Dispose();
    }

    /// <summary>
    /// <c>lvs_sync_daemon IF inst VI</c>: keepalived's VRRP process starts the IPVS sync daemon as master or backup with
    /// that instance's state; here the VRRP subsystem does (the checker subsystem runs an untied one).
    /// </summary>
    private ImmutableArray<Vigil.Vrrp.Ports.IVrrpNotifier> SyncDaemonFollower(VrrpRuntimePlan plan)
    {
        if (LbSettingsMapper.MapSyncDaemon(context.Config.Global) is not { VrrpInstance: { } instance } sync ||
            !plan.Instances.Any(i => i.Name == instance))
        {
            return [];
        }

        _ipvs = Linux.Ipvs.IpvsClient.TryOpen(out var reason);
        if (_ipvs is null)
        {
            LogUnsupported(_logger, $"lvs_sync_daemon needs IPVS ({reason}); not started");
            return [];
        }

        return [new VrrpSyncDaemonFollower(sync.Daemon, instance, new Linux.Ipvs.IpvsSyncDaemonControl(_ipvs), _logger)];
    }

    /// <summary>global_defs mail settings; null without smtp_server or notification_email (keepalived sends nothing then).</summary>
    private static Linux.Notify.SmtpAlertSettings? Smtp(GlobalDefsConfig global)
    {
        if (global.SmtpServer is not { } server || global.NotificationEmails.IsEmpty)
        {
            return null;
        }

        var host = Environment.MachineName;
        return new Linux.Notify.SmtpAlertSettings(
            server.Host,
            server.Port,
            global.SmtpHeloName ?? host,
            global.SmtpConnectTimeout,
            global.RouterId ?? host,
            global.NotificationEmailFrom ?? $"keepalived@{host}",
            [.. global.NotificationEmails]);
    }

    /// <summary>Instances with smtp_alert (the validator already applied smtp_alert_vrrp / smtp_alert defaults).</summary>
    private static ImmutableArray<string> SmtpAlertInstances(KeepalivedConfig config, Vigil.Runtime.VrrpRuntimePlan plan)
    {
        var running = plan.Instances.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        return [.. config.VrrpInstances.Where(v => running.Contains(v.Name) && v.SmtpAlert).Select(v => v.Name)];
    }

    private static VrrpFifoSettings Fifo(NotifyFifoConfig f) => new(f.Path)
    {
        Script = f.Script?.CommandLine,
        ScriptUser = f.Script?.User,
        ScriptGroup = f.Script?.Group,
        User = f.User,
        Group = f.Group,
    };

    [LoggerMessage(EventId = 6001, Level = LogLevel.Warning, Message = "{Line}")]
    private static partial void LogUnsupported(ILogger logger, string line);
}
