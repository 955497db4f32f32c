using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Vigil.Linux.Announce;
using Vigil.Linux.Interop;
using Vigil.Linux.Notify;
using Vigil.Linux.Rtnl;
using Vigil.Linux.Scripts;
using Vigil.Linux.Vrrp;
using Vigil.Vrrp;
using Vigil.Vrrp.Engine;
using Vigil.Vrrp.Ports;

namespace Vigil.Linux.VrrpRuntime;

/// <summary>
/// The VRRP runtime on Linux: owns the <see cref="VrrpEngine"/> and carries its effects out through the Linux ports
/// (raw sockets, rtnetlink, AF_PACKET, scripts and FIFOs), feeds it received adverts (one receive loop per socket), link
/// state, primary addresses (an rtnetlink monitor) and puts back VIPs deleted by hand while MASTER. OS failures become
/// FAULT and retries, never an exception out of the runtime. Tracking and sync groups plug in through
/// <see cref="Engine"/> (<c>PostPriority</c>, <c>PostFault</c>) and <see cref="Notifier"/>.
/// </summary>
public sealed partial class VrrpRuntime : IAsyncDisposable
{
    private readonly VrrpRuntimeOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ILoggerFactory _loggers;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<string, LinkEntry> _links = new(StringComparer.Ordinal);
    private readonly HashSet<int> _goneIndexes = [];
    private readonly Dictionary<(string Interface, AddressFamily Family), IPAddress?> _sources = [];
    private readonly Dictionary<string, bool> _linkPosted = new(StringComparer.Ordinal);
    private readonly List<Task> _loops = [];
    private readonly List<NotifyFifo> _fifos = [];
    private readonly List<VrrpChannel> _channels = [];
    private readonly HashSet<IPAddress> _vips = [];
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private RtnlClient? _client;
    private RtnlClient? _query;
    private RtnlMonitor? _monitor;
    private AnnouncementSender? _sender;
    private ScriptRunner? _scripts;
    private LinuxVrrpAddressProgrammer? _addresses;
    private AcceptModeFirewall? _firewall;
    private VrrpAddressSet? _static;
    private readonly Sysctl.SysctlStore _sysctls = new();
    private readonly List<(string Instance, string Name)> _vmacs = [];
    private LinuxVrrpNotifier? _notifier;
    private VrrpEngine? _engine;
    private Vigil.Linux.Checkers.TrackFileMonitor? _trackFiles;
    private SmtpAlerter? _smtp;
    private bool _stopped;

    public VrrpRuntime(VrrpRuntimeOptions options, TimeProvider time, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(loggers);
        _options = options;
        _time = time;
        _loggers = loggers;
        _logger = loggers.CreateLogger("Vigil.Vrrp");
        foreach (var s in options.Instances)
        {
            foreach (var v in s.VirtualIpaddress.Concat(s.VirtualIpaddressExcluded))
            {
                _vips.Add(v.Address);
            }
        }
    }

    /// <summary>The engine (after <see cref="StartAsync"/>): status, PostPriority, PostFault.</summary>
    public VrrpEngine Engine => _engine ?? throw new InvalidOperationException("not started");

    /// <summary>Completes if the runtime fails for good (it does not today: failures are retried).</summary>
    public Task Completion => _completion.Task;

    /// <summary>Opens netlink, sockets and FIFOs, posts the current link and address state and starts the instances.</summary>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        _client = RtnlClient.Open();
        _query = RtnlClient.Open();
        _sender = AnnouncementSender.Open();
        _scripts = new ScriptRunner(_time, new ScriptRunnerOptions { DefaultUser = _options.ScriptUser, DefaultGroup = _options.ScriptGroup }, _loggers.CreateLogger<ScriptRunner>());
        foreach (var f in _options.Fifos)
        {
            OpenFifo(f);
        }

        if (_options.Instances.Any(s => !s.Accept || s.VirtualMac is not null))
        {
            if (Nft.NftContext.IsAvailable(out var reason))
            {
                LogUsingNftables(_logger);
                _firewall = new AcceptModeFirewall(_options.NftablesTable, _options.NftablesPriority);
                if (_firewall.Reset() is { } resetError)
                {
                    LogFirewallFailed(_logger, resetError);
                }
            }
            else
            {
                LogFirewallFailed(_logger, reason ?? "nftables not available");
            }
        }

        _addresses = new LinuxVrrpAddressProgrammer(_client, _firewall, _logger);
        CreateVirtualMacs();

        // Opened after the VMACs exist, so their creation (down, then up) is not replayed as a FAULT.
        _monitor = RtnlMonitor.Open(RtnlMonitorGroups.All);
        if (!_options.StaticAddresses.IsEmpty || !_options.StaticRoutes.IsEmpty || !_options.StaticRules.IsEmpty)
        {
            _static = new VrrpAddressSet(StaticSetName, "", _options.StaticAddresses, [], _options.StaticRoutes, _options.StaticRules);
            try
            {
                _addresses.Add(_static);
            }
            catch (ErrnoException e)
            {
                LogStaticFailed(_logger, e.Message);
            }
        }

        _notifier = new LinuxVrrpNotifier(_scripts, _fifos, _logger);
        if (_options.Smtp is { } smtp && (!_options.SmtpAlertInstances.IsEmpty || !_options.SmtpAlertGroups.IsEmpty))
        {
            _smtp = new SmtpAlerter(smtp, _time, _loggers.CreateLogger<SmtpAlerter>());
            _notifier.Extra.Add(new VrrpSmtpNotifier(
                _smtp,
                _options.SmtpAlertInstances.ToHashSet(StringComparer.Ordinal),
                _options.SmtpAlertGroups.ToHashSet(StringComparer.Ordinal)));
        }

        foreach (var observer in _options.Observers)
        {
            _notifier.Extra.Add(observer);
        }

        // One socket per (interface, family, unicast source | multicast group), shared by its instances.
        var byName = new Dictionary<string, VrrpChannel>(StringComparer.Ordinal);
        foreach (var group in _options.Instances.GroupBy(SocketOptionsFor))
        {
            var channel = new VrrpChannel(group.Key, [.. group.Select(s => s.Name)]);
            _channels.Add(channel);
            foreach (var s in group)
            {
                byName[s.Name] = channel;
            }
        }

        var ports = new VrrpPorts(
            new LinuxVrrpTransmitter(byName),
            _addresses,
            new LinuxVrrpAnnouncer(_sender, name => _links.TryGetValue(name, out var l) ? l : null),
            _notifier);
        _engine = new VrrpEngine(_options.Instances, ports, _time, _loggers.CreateLogger("Keepalived_vrrp"), _options.Tracking);

        Resync();
        StartTrackFiles();
        ScanProcesses(initial: true);
        foreach (var channel in _channels)
        {
            if (channel.TryOpen() is { } error)
            {
                LogSocketFailed(_logger, channel.Options.InterfaceName, error);
                SetSocketFault(channel, true);
            }
        }

        CheckConfiguredSources(initial: true);
        foreach (var s in _options.Instances.Where(s => s.FaultNoUnicastPeer))
        {
            LogNoUnicastPeer(_logger, s.Name);
            _engine.PostFault(s.Name, VrrpFaultReasons.NoUnicastPeer, true);
        }

        _engine.Start();
        var token = _stopping.Token;
        StartTrackScripts(token);
        if (!_options.Tracking.Processes.IsEmpty)
        {
            _loops.Add(Task.Run(() => PollProcessesAsync(token), CancellationToken.None));
        }
        foreach (var channel in _channels)
        {
            _loops.Add(Task.Run(() => SuperviseAsync(channel, channel.Socket is null, token), CancellationToken.None));
        }

        _loops.Add(Task.Run(() => MonitorAsync(token), CancellationToken.None));
        return Task.CompletedTask;
    }

    /// <summary>
    /// keepalived's shutdown: every MASTER sends priority 0 and releases its addresses (kept with -V), STOP
    /// notifications run (waited for up to 2 s), then sockets, scripts and FIFOs are closed.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (_stopped || _engine is null)
        {
            return;
        }

        _stopped = true;
        _addresses!.Stopping = true;
        _addresses.KeepOnRemove = _options.DontReleaseVrrp;
        await _engine.StopAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        await _notifier!.DrainAsync(TimeSpan.FromSeconds(2), _time).ConfigureAwait(false);
        await _stopping.CancelAsync().ConfigureAwait(false);
        _monitor?.Dispose();
        foreach (var c in _channels)
        {
            c.Close();
        }

        if (_static is not null)
        {
            try
            {
                _addresses.Remove(_static);
            }
            catch (ErrnoException e)
            {
                LogStaticFailed(_logger, e.Message);
            }
        }

        RemoveVirtualMacs();
        if (_firewall?.Teardown() is { } firewallError)
        {
            LogFirewallFailed(_logger, firewallError);
        }

        _sysctls.RestoreAll();

        await Task.WhenAll(_loops).WaitAsync(TimeSpan.FromSeconds(5), _time, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stopping.IsCancellationRequested)
        {
            await _stopping.CancelAsync().ConfigureAwait(false);
        }

        foreach (var c in _channels)
        {
            c.Close();
        }

        _engine?.Dispose();
        _trackFiles?.Dispose();
        _monitor?.Dispose();
        if (_scripts is not null)
        {
            await _scripts.DisposeAsync().ConfigureAwait(false);
        }

        foreach (var f in _fifos)
        {
            f.Dispose();
        }

        if (_smtp is not null)
        {
            await _smtp.DisposeAsync().ConfigureAwait(false);
        }

        _sender?.Dispose();
        _client?.Dispose();
        _query?.Dispose();
        _stopping.Dispose();
        _completion.TrySetResult();
    }

    private static VrrpSocketOptions SocketOptionsFor(VrrpInstanceSettings s) =>
        new(s.Interface, s.Family)
        {
            UnicastSource = s.IsUnicast ? s.McastSrcIp ?? (s.Family == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any) : null,
            MulticastGroup = s.IsUnicast ? null : s.MulticastGroup,
        };

    private void OpenFifo(VrrpFifoSettings f)
    {
        try
        {
            uint? uid = null;
            uint? gid = null;
            if (f.User is { } user && ScriptUser.Resolve(user, f.Group, out _) is { } ids)
            {
                (uid, gid) = ids;
            }

            _fifos.Add(NotifyFifo.Open(f.Path, uid, gid));
        }
        catch (ErrnoException e)
        {
            LogFifoFailed(_logger, f.Path, e.Message);
            return;
        }

        if (f.Script is { } script)
        {
            // keepalived starts the FIFO reader once, with the FIFO's path as its last argument, and kills it at exit.
            var run = _scripts!.RunAsync(new ScriptInvocation(script) { User = f.ScriptUser, Group = f.ScriptGroup, ExtraArguments = [f.Path] }, _stopping.Token);
            _ = run.ContinueWith(
                t =>
                {
                    if (t.IsCompletedSuccessfully && t.Result.Outcome == ScriptOutcome.FailedToStart)
                    {
                        LogFifoScriptFailed(_logger, script, t.Result.ToString());
                    }
                },
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }
    }

    private async Task SuperviseAsync(VrrpChannel channel, bool faulted, CancellationToken token)
    {
        while (!token.IsCancellationRequested)
        {
            try
            {
                if (channel.IsSuspended)
                {
                    // Its interface is gone; the link fault covers the instances until Resume reopens the socket.
                    await channel.WaitResumedAsync(token).ConfigureAwait(false);
                    continue;
                }

                if (channel.Socket is null)
                {
                    if (channel.TryOpen() is { } error)
                    {
                        if (!faulted)
                        {
                            LogSocketFailed(_logger, channel.Options.InterfaceName, error);
                            SetSocketFault(channel, true);
                            faulted = true;
                        }

                        await Task.Delay(_options.SocketRetry, _time, token).ConfigureAwait(false);
                        continue;
                    }
                }

                if (faulted)
                {
                    LogSocketRecovered(_logger, channel.Options.InterfaceName);
                    SetSocketFault(channel, false);
                    faulted = false;
                }

                var failure = await channel.ReceiveUntilErrorAsync(Deliver, token).ConfigureAwait(false);
                if (token.IsCancellationRequested)
                {
                    return;
                }

                if (failure == VrrpChannel.Interrupted)
                {
                    continue;
                }

                LogSocketFailed(_logger, channel.Options.InterfaceName, failure ?? "receive ended");
                channel.Close();
                SetSocketFault(channel, true);
                faulted = true;
                await Task.Delay(_options.SocketRetry, _time, token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
#pragma warning disable CA1031 // the receive loop must survive anything and retry
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogSocketFailed(_logger, channel.Options.InterfaceName, e.Message);
                channel.Close();
                try
                {
                    await Task.Delay(_options.SocketRetry, _time, token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private void Deliver(ReadOnlyMemory<byte> payload, Vigil.Vrrp.Packet.VrrpReceiveMeta meta) => _engine!.PostAdvert(payload.Span, meta);

    private void SetSocketFault(VrrpChannel channel, bool active)
    {
        foreach (var name in channel.InstanceNames)
        {
            _engine!.PostFault(name, VrrpFaultReasons.SocketError, active);
        }
    }

    private async Task MonitorAsync(CancellationToken token)
    {
        while (!token.IsCancellationRequested)
        {
            try
            {
                await foreach (var ev in _monitor!.ReadEventsAsync(token).ConfigureAwait(false))
                {
                    OnEvent(ev);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
#pragma warning disable CA1031 // netlink trouble: resynchronise and carry on
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogMonitorFailed(_logger, e.Message);
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), _time, token).ConfigureAwait(false);
                    Resync();
                }
                catch (OperationCanceledException)
                {
                    return;
                }
#pragma warning disable CA1031
                catch (Exception again)
#pragma warning restore CA1031
                {
                    LogMonitorFailed(_logger, again.Message);
                }
            }
        }
    }

    private void OnEvent(RtnlEvent ev)
    {
        switch (ev)
        {
            case LinkEvent le:
                if (le.Change == LinkChange.Deleted)
                {
                    if (_links.TryGetValue(le.Link.Name, out var known) && known.Index != le.Link.Index)
                    {
                        break; // an older interface of that name; the current one is still there
                    }

                    _links.TryRemove(le.Link.Name, out _);
                    _goneIndexes.Add(le.Link.Index);
                    var bound = _channels.Where(c => c.Options.InterfaceName == le.Link.Name).ToList();
                    foreach (var c in bound)
                    {
                        c.Suspend(); // bound to the old ifindex; reopened when the interface is back
                    }

                    // A VMAC deleted by hand is created again (keepalived 2.2.7: "Interface vrrp.51 deleted", then
                    // "Success creating VMAC interface vrrp.51"); the instance goes FAULT → BACKUP once meanwhile.
                    // Its link state then comes from the new link's own events (created down, then up), and its
                    // socket is reopened here, so neither a stale event nor the old socket's end flaps it again.
                    if (!_stopped && _options.Instances.FirstOrDefault(i => i.VirtualMac?.Name == le.Link.Name) is { } owner)
                    {
                        LogInterfaceDeleted(_logger, le.Link.Name);
                        PostLink(le.Link.Name);
                        CreateVirtualMac(owner);
                        ResumeChannels(bound);
                    }
                }
                else if (_goneIndexes.Contains(le.Link.Index))
                {
                    break; // queued news about an interface already deleted
                }
                else
                {
                    _links[le.Link.Name] = le.Link;
                    ResumeChannels(_channels.Where(c => c.IsSuspended && c.Options.InterfaceName == le.Link.Name));
                }

                PostLink(le.Link.Name);
                RefreshSources(le.Link.Name);
                if (le.Change == LinkChange.Up && _static is not null && !_stopped)
                {
                    // The kernel drops an interface's routes when it goes down: put the static entries back.
                    try
                    {
                        _addresses!.Add(_static);
                    }
                    catch (ErrnoException e)
                    {
                        LogStaticFailed(_logger, e.Message);
                    }
                }

                break;
            case AddressEvent ae:
                OnAddressForSources(ae);
                var name = _links.Values.FirstOrDefault(l => l.Index == ae.Address.InterfaceIndex)?.Name;
                if (name is null)
                {
                    break;
                }

                RefreshSources(name);
                if (!ae.Added && _addresses!.RestoreIfHeld(name, ae.Address.Address) is var (instance, vip))
                {
                    if (instance == StaticSetName)
                    {
                        LogStaticRestored(_logger, StaticRestoreText(vip, name));
                    }
                    else
                    {
                        LogVipRestored(_logger, instance, ae.Address.Address.ToString(), name);
                    }
                }

                break;
            case RouteEvent { Added: false } re:
                if (_addresses!.RestoreRouteIfHeld(re.Route) is { } routeOwner)
                {
                    LogRouteRestored(_logger, routeOwner, $"{re.Route.Destination}/{re.Route.DestinationPrefixLength}");
                }

                break;
            case RuleEvent { Added: false } ru:
                if (_addresses!.RestoreRuleIfHeld(ru.Rule) is { } ruleOwner)
                {
                    LogRuleRestored(_logger, ruleOwner, ru.Rule.Priority?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-");
                }

                break;
            case MonitorOverrun:
                LogOverrun(_logger);
                Resync();
                CheckConfiguredSources(initial: false);
                break;
        }
    }

    /// <summary>keepalived 2.2.7's words for a static address it puts back (observed): "198.51.100.50/24 dev veth0 scope
    /// global track_group TG set", a host address without its /32, "label veth0:x" when it has one.</summary>
    internal static string StaticRestoreText(VirtualIpAddress vip, string device)
    {
        var host = vip.PrefixLength == (vip.Address.AddressFamily == AddressFamily.InterNetworkV6 ? 128 : 32);
        var text = new System.Text.StringBuilder();
        text.Append(vip.Address);
        if (!host)
        {
            text.Append('/').Append(vip.PrefixLength);
        }

        text.Append(" dev ").Append(device).Append(" scope ").Append(vip.Scope ?? "global");
        if (vip.Label is { } label)
        {
            text.Append(" label ").Append(label);
        }

        if (vip.TrackGroup is { } group)
        {
            text.Append(" track_group ").Append(group);
        }

        return text.Append(" set").ToString();
    }

    private void ResumeChannels(IEnumerable<VrrpChannel> channels)
    {
        foreach (var c in channels.ToList())
        {
            // When it cannot open yet, its supervisor reports it and retries, with the instances in FAULT meanwhile.
            _ = c.Resume();
        }
    }

    /// <summary>Re-reads links and addresses (start, and after the monitor lost events).</summary>
    private void Resync()
    {
        _links.Clear();
        foreach (var l in _query!.GetLinks())
        {
            _links[l.Name] = l;
        }

        foreach (var iface in _options.Instances.Select(s => s.Interface).Distinct(StringComparer.Ordinal))
        {
            PostLink(iface);
            RefreshSources(iface);
        }

        foreach (var iface in _options.Tracking.TrackedInterfaces)
        {
            PostLink(iface);
        }
    }

    private void PostLink(string iface)
    {
        if (!_options.Instances.Any(s => s.Interface == iface) && !_options.Tracking.TrackedInterfaces.Contains(iface, StringComparer.Ordinal))
        {
            return;
        }

        var up = _links.TryGetValue(iface, out var link) && link.IsUpAndRunning;
        if (!_linkPosted.TryGetValue(iface, out var was) || was != up)
        {
            _linkPosted[iface] = up;
            _engine!.PostLinkState(iface, up);
        }
    }

    private void RefreshSources(string iface)
    {
        // A VMAC instance's adverts carry its parent's address (observed: 192.0.2.1 from vrrp.51), so the parent's
        // addresses are what count for it.
        foreach (var (name, family, lookup) in _options.Instances
            .Where(s => s.Interface == iface || s.VirtualMac?.Parent == iface)
            .Select(s => (s.Interface, s.Family, s.VirtualMac?.Parent ?? s.Interface))
            .Distinct())
        {
            var address = PrimaryAddress(lookup, family);
            if (!_sources.TryGetValue((name, family), out var was) || !Equals(was, address))
            {
                _sources[(name, family)] = address;
                _engine!.PostSourceAddress(name, family, address);
            }
        }
    }

    /// <summary>keepalived's source for adverts: the interface's primary IPv4 address, or its IPv6 link-local address
    /// (RFC 5798 §5.1.2.1); never one of our VIPs, never a tentative address.</summary>
    private IPAddress? PrimaryAddress(string iface, AddressFamily family)
    {
        if (!_links.TryGetValue(iface, out var link))
        {
            return null;
        }

        IReadOnlyList<AddressEntry> addresses;
        try
        {
            addresses = _query!.GetAddresses(family, link.Index);
        }
        catch (ErrnoException)
        {
            return null;
        }

        var usable = addresses.Where(a => a.InterfaceIndex == link.Index && !_vips.Contains(a.Address) &&
            (a.Flags & (AddressFlags.Tentative | AddressFlags.DadFailed)) == 0);
        var chosen = family == AddressFamily.InterNetworkV6
            ? usable.FirstOrDefault(a => a.Address.IsIPv6LinkLocal)
            : usable.FirstOrDefault(a => (a.Flags & AddressFlags.Secondary) == 0) ?? usable.FirstOrDefault();
        return chosen is null ? null : new IPAddress(chosen.Address.GetAddressBytes());
    }

    private const string StaticSetName = "static";

    /// <summary>
    /// <c>use_vmac</c>: each VMAC is (re)created as a private-mode macvlan on its parent with the virtual MAC, address
    /// generation mode none, keepalived's sysctls (<see cref="Sysctl.VmacSysctls"/>; IPv6 disabled on an IPv4 VMAC; an
    /// IPv6 VMAC gets the parent's link-local address, nodad and deprecated, as advert source), the IGMP/MLD filter, and
    /// set up. A failure leaves the instance without its interface, so it stays in FAULT (logged).
    /// </summary>
    private void CreateVirtualMacs()
    {
        foreach (var s in _options.Instances)
        {
            CreateVirtualMac(s);
        }
    }

    private void CreateVirtualMac(VrrpInstanceSettings s)
    {
        if (s.VirtualMac is not { } vm)
        {
            return;
        }

        try
        {
            var parent = _client!.GetLink(vm.Parent) ?? throw new ErrnoException($"VMAC parent {vm.Parent}", Errno.ENODEV);
            if (_client.GetLink(vm.Name) is { } stale)
            {
                if (stale.Kind != "macvlan")
                {
                    throw new ErrnoException($"{vm.Name} exists and is not a macvlan", Errno.EEXIST);
                }

                _client.DeleteLink(stale.Index);
            }

            var link = _client.CreateMacvlan(parent.Index, vm.Name, vm.Mac, MacvlanMode.Private);
            if (!_vmacs.Contains((s.Name, vm.Name)))
            {
                _vmacs.Add((s.Name, vm.Name));
            }

            _client.SetIpv6AddressGenerationMode(link.Index, 1);
            if (s.Family == AddressFamily.InterNetworkV6)
            {
                var linkLocal = _client.GetAddresses(AddressFamily.InterNetworkV6, parent.Index)
                    .FirstOrDefault(a => a.InterfaceIndex == parent.Index && a.Address.IsIPv6LinkLocal);
                if (linkLocal is not null)
                {
                    _client.AddAddress(new AddressEntry(link.Index, linkLocal.Address, linkLocal.PrefixLength)
                    {
                        Flags = AddressFlags.NoDad,
                        PreferredLifetime = 0,
                        ValidLifetime = AddressEntry.InfiniteLifetime,
                    });
                }
            }
            else
            {
                _sysctls.Set(Sysctl.SysctlStore.Ipv6Conf(vm.Name, "disable_ipv6"), 1);
            }

            Sysctl.VmacSysctls.Apply(_sysctls, vm.Name, vm.Parent);
            if (_firewall?.AddVmac(s.Family, vm.Name, vm.Parent) is { } error)
            {
                LogFirewallFailed(_logger, error);
            }

            _client.SetLinkUp(link.Index, true);
            LogVmacCreated(_logger, s.Name, vm.Name);
        }
        catch (ErrnoException e)
        {
            LogVmacFailed(_logger, s.Name, vm.Name, e.Message);
        }
        catch (IOException e)
        {
            LogVmacFailed(_logger, s.Name, vm.Name, e.Message);
        }
    }

    private void RemoveVirtualMacs()
    {
        foreach (var (instance, name) in _vmacs)
        {
            try
            {
                if (_client!.GetLink(name) is { } link)
                {
                    _client.DeleteLink(link.Index);
                    LogVmacRemoved(_logger, instance, name);
                }
            }
            catch (ErrnoException e)
            {
                LogVmacFailed(_logger, instance, name, e.Message);
            }
        }

        _vmacs.Clear();
    }

    [LoggerMessage(EventId = 6110, Level = LogLevel.Information, Message = "use_vmac or no_accept/strict specified, but no firewall configured - using nftables")]
    private static partial void LogUsingNftables(ILogger logger);

    [LoggerMessage(EventId = 6111, Level = LogLevel.Error, Message = "Accept-mode/VMAC firewall: {Error}")]
    private static partial void LogFirewallFailed(ILogger logger, string error);

    [LoggerMessage(EventId = 6112, Level = LogLevel.Information, Message = "({Instance}): Success creating VMAC interface {Name}")]
    private static partial void LogVmacCreated(ILogger logger, string instance, string name);

    [LoggerMessage(EventId = 6113, Level = LogLevel.Information, Message = "({Instance}) Success removing VMAC interface {Name}")]
    private static partial void LogVmacRemoved(ILogger logger, string instance, string name);

    [LoggerMessage(EventId = 6114, Level = LogLevel.Error, Message = "({Instance}) VMAC interface {Name}: {Error}")]
    private static partial void LogVmacFailed(ILogger logger, string instance, string name, string error);

    [LoggerMessage(EventId = 6118, Level = LogLevel.Information, Message = "Interface {Name} deleted")]
    private static partial void LogInterfaceDeleted(ILogger logger, string name);

    [LoggerMessage(EventId = 6115, Level = LogLevel.Error, Message = "static addresses/routes/rules: {Error}")]
    private static partial void LogStaticFailed(ILogger logger, string error);

    [LoggerMessage(EventId = 6116, Level = LogLevel.Warning, Message = "({Instance}) route {Route} was deleted; restoring it")]
    private static partial void LogRouteRestored(ILogger logger, string instance, string route);

    [LoggerMessage(EventId = 6117, Level = LogLevel.Warning, Message = "({Instance}) rule priority {Priority} was deleted; restoring it")]
    private static partial void LogRuleRestored(ILogger logger, string instance, string priority);

    [LoggerMessage(Level = LogLevel.Information, Message = "({Instance}) Cannot use unicast without any peers - going to fault state")]
    private static partial void LogNoUnicastPeer(ILogger logger, string instance);

    [LoggerMessage(EventId = 6101, Level = LogLevel.Error, Message = "VRRP socket on {Interface} unavailable: {Error}; retrying")]
    private static partial void LogSocketFailed(ILogger logger, string @interface, string error);

    [LoggerMessage(EventId = 6102, Level = LogLevel.Information, Message = "VRRP socket on {Interface} open again")]
    private static partial void LogSocketRecovered(ILogger logger, string @interface);

    [LoggerMessage(EventId = 6103, Level = LogLevel.Warning, Message = "({Instance}) virtual address {Address} on {Interface} was deleted; restoring it")]
    private static partial void LogVipRestored(ILogger logger, string instance, string address, string @interface);

    [LoggerMessage(EventId = 6143, Level = LogLevel.Information, Message = "Restoring deleted static address {Text}")]
    private static partial void LogStaticRestored(ILogger logger, string text);

    [LoggerMessage(EventId = 6104, Level = LogLevel.Warning, Message = "Netlink monitor lost events; resynchronising links and addresses")]
    private static partial void LogOverrun(ILogger logger);

    [LoggerMessage(EventId = 6105, Level = LogLevel.Error, Message = "Netlink monitor failed: {Error}")]
    private static partial void LogMonitorFailed(ILogger logger, string error);

    [LoggerMessage(EventId = 6106, Level = LogLevel.Error, Message = "Cannot open notify FIFO {Path}: {Error}")]
    private static partial void LogFifoFailed(ILogger logger, string path, string error);

    [LoggerMessage(EventId = 6107, Level = LogLevel.Warning, Message = "Notify FIFO script `{Command}` {Outcome}")]
    private static partial void LogFifoScriptFailed(ILogger logger, string command, string outcome);
}
