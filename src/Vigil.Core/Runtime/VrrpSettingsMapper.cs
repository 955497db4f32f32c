using System.Collections.Immutable;
using System.Globalization;
using System.Net.Sockets;
using Vigil.Config.Model;
using Vigil.Vrrp;
using Vigil.Vrrp.Packet;
using Vigil.Vrrp.Tracking;
using ConfigAuthType = Vigil.Config.Model.VrrpAuthType;
using ConfigInitialState = Vigil.Config.Model.VrrpInitialState;
using EngineInitialState = Vigil.Vrrp.VrrpInitialState;

namespace Vigil.Runtime;

/// <summary>
/// Maps a validated <see cref="KeepalivedConfig"/> (global defaults already applied by the validator) to the engine's
/// <see cref="VrrpInstanceSettings"/>. Pure: no I/O. Whatever the configuration says that the engine cannot do yet is
/// reported in <see cref="VrrpRuntimePlan.Unsupported"/>, one line per instance and feature, never silently dropped.
/// </summary>
public static class VrrpSettingsMapper
{
    /// <summary>Maps every <c>vrrp_instance</c> that has an interface (the validator drops the others).</summary>
    public static VrrpRuntimePlan Map(KeepalivedConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var instances = ImmutableArray.CreateBuilder<VrrpInstanceSettings>();
        var unsupported = ImmutableArray.CreateBuilder<string>();
        foreach (var v in config.VrrpInstances)
        {
            if (v.Interface is null)
            {
                unsupported.Add($"({v.Name}) has no interface and is not run");
                continue;
            }

            instances.Add(Map(v, config));
            unsupported.AddRange(UnsupportedFeatures(v).Select(f => $"({v.Name}) {f} is not supported yet and is ignored"));
        }

        if (config.StaticAddresses.Any(a => a.TrackGroup is not null) || config.StaticRoutes.Any(r => r.TrackGroup is not null) ||
            config.StaticRules.Any(r => r.TrackGroup is not null))
        {
            unsupported.Add("track_group on static_ipaddress/static_routes/static_rules: deleted entries are restored (as keepalived does), but one that cannot be restored does not fault the group's instances yet");
        }

        var built = instances.ToImmutable();
        var defaultInterface = config.Global.DefaultInterface;
        return new VrrpRuntimePlan(built, unsupported.ToImmutable())
        {
            Tracking = MapTracking(config, built),
            StaticAddresses = [.. config.StaticAddresses.Select(a => MapAddress(a) with { Device = a.Device ?? defaultInterface, TrackGroup = a.TrackGroup })],
            StaticRoutes = [.. config.StaticRoutes.Select(r => new VirtualRoute(r))],
            StaticRules = [.. config.StaticRules.Select(r => new VirtualRule(r))],
        };
    }

    /// <summary>
    /// Tracking and sync groups: each instance's own track_script / track_interface / track_file references plus its
    /// sync group's (weights as the validator resolved them: 0 in sync groups unless sync_group_tracking_weight, 0 for
    /// address owners), the vrrp_scripts they name, the track_file paths, and the groups with their notify scripts.
    /// </summary>
    public static VrrpTrackingPlan MapTracking(KeepalivedConfig config, IReadOnlyCollection<VrrpInstanceSettings> instances)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(instances);
        var running = instances.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        var scripts = config.VrrpScripts.Where(s => s.Script is not null).ToDictionary(s => s.Name, StringComparer.Ordinal);
        var files = config.TrackFiles.Where(f => f.File is not null).ToDictionary(f => f.Name, f => f.File!, StringComparer.Ordinal);
        var processes = config.TrackProcesses.Where(p => p.Process is not null).ToDictionary(p => p.Name, StringComparer.Ordinal);
        var tracked = ImmutableDictionary.CreateBuilder<string, ImmutableArray<TrackedReference>>(StringComparer.Ordinal);
        var groups = ImmutableArray.CreateBuilder<VrrpSyncGroupSettings>();
        foreach (var g in config.SyncGroups)
        {
            var members = g.Instances.Where(running.Contains).ToImmutableArray();
            if (members.IsEmpty)
            {
                continue;
            }

            groups.Add(new VrrpSyncGroupSettings(g.Name, members)
            {
                NotifyMaster = MapScript(g.Notify.Master),
                NotifyBackup = MapScript(g.Notify.Backup),
                NotifyFault = MapScript(g.Notify.Fault),
                NotifyStop = MapScript(g.Notify.Stop),
                Notify = MapScript(g.Notify.Notify),
            });
        }

        foreach (var v in config.VrrpInstances.Where(v => running.Contains(v.Name)))
        {
            var group = config.SyncGroups.FirstOrDefault(g => g.Instances.Contains(v.Name, StringComparer.Ordinal));
            IEnumerable<TrackRef> Scripts(VrrpInstanceConfig? i, VrrpSyncGroupConfig? gr) => (i?.TrackScripts ?? []).Concat(gr?.TrackScripts ?? []);
            var refs = ImmutableArray.CreateBuilder<TrackedReference>();
            refs.AddRange(Scripts(v, group).Where(r => scripts.ContainsKey(r.Name)).Select(r => new TrackedReference(TrackerKind.Script, r.Name, r.Weight, r.Reverse)));
            refs.AddRange(v.TrackInterfaces.Concat(group?.TrackInterfaces ?? []).Select(r => new TrackedReference(TrackerKind.Interface, r.Name, r.Weight, r.Reverse)));
            refs.AddRange(v.TrackFiles.Concat(group?.TrackFiles ?? []).Where(r => files.ContainsKey(r.Name)).Select(r => new TrackedReference(TrackerKind.File, r.Name, r.Weight, r.Reverse)));
            refs.AddRange(v.TrackProcesses.Concat(group?.TrackProcesses ?? []).Where(r => processes.ContainsKey(r.Name)).Select(r => new TrackedReference(TrackerKind.Process, r.Name, r.Weight, r.Reverse)));
            if (refs.Count > 0)
            {
                tracked[v.Name] = refs.ToImmutable();
            }
        }

        var used = tracked.Values.SelectMany(r => r).ToList();
        return new VrrpTrackingPlan
        {
            Scripts = [.. scripts.Values
                .Where(s => used.Any(r => r.Kind == TrackerKind.Script && r.Name == s.Name))
                .Select(s => new VrrpScriptSettings(s.Name, s.Script!.CommandLine)
                {
                    User = s.Script.User,
                    Group = s.Script.Group,
                    Interval = s.Interval,
                    Timeout = s.Timeout,
                    Rise = s.Rise,
                    Fall = s.Fall,
                })],
            Processes = [.. processes.Values
                .Where(p => used.Any(r => r.Kind == TrackerKind.Process && r.Name == p.Name))
                .Select(p => new VrrpTrackProcessSettings(p.Name, p.Process!)
                {
                    Parameters = p.Parameters,
                    MatchParameters = !p.Parameters.IsEmpty || p.ParamMatchConfigured,
                    PartialMatch = p.ParamMatch == ProcessParamMatch.Partial,
                    InitialMatch = p.ParamMatch == ProcessParamMatch.Initial,
                    FullCommand = p.FullCommand,
                    Quorum = p.Quorum,
                    QuorumMax = p.QuorumMax,
                    ForkDelay = p.ForkDelay,
                    TerminateDelay = p.TerminateDelay,
                })],
            Tracked = tracked.ToImmutable(),
            Files = files.Where(f => used.Any(r => r.Kind == TrackerKind.File && r.Name == f.Key)).ToImmutableDictionary(StringComparer.Ordinal),
            SyncGroups = groups.ToImmutable(),
        };
    }

    /// <summary>Maps one instance.</summary>
    public static VrrpInstanceSettings Map(VrrpInstanceConfig v, KeepalivedConfig config)
    {
        ArgumentNullException.ThrowIfNull(v);
        ArgumentNullException.ThrowIfNull(config);
        var d = config.Global.Vrrp;
        var iface = v.Interface ?? throw new ArgumentException($"vrrp_instance {v.Name} has no interface", nameof(v));

        // garp_group overrides vrrp_garp_interval / vrrp_gna_interval for its interfaces (keepalived.conf(5)).
        var garpGroup = config.GarpGroups.FirstOrDefault(g => g.Interfaces.Contains(iface, StringComparer.Ordinal));
        var auth = v.Authentication;
        var authType = auth?.Type switch
        {
            ConfigAuthType.Pass => Vrrp.Packet.VrrpAuthType.Pass,
            ConfigAuthType.Ah => Vrrp.Packet.VrrpAuthType.Ah,
            _ => Vrrp.Packet.VrrpAuthType.None,
        };

        var vmac = MapVirtualMac(v, iface, d.VmacPrefix);
        return new VrrpInstanceSettings
        {
            Name = v.Name,
            Interface = vmac is { XmitBase: false } ? vmac.Name : iface,
            VirtualMac = vmac,
            Accept = v.Accept,
            VirtualRoutes = [.. v.VirtualRoutes.Select(r => new VirtualRoute(r))],
            VirtualRules = [.. v.VirtualRules.Select(r => new VirtualRule(r))],
            VirtualRouterId = (byte)v.VirtualRouterId,
            Priority = (byte)Math.Clamp(v.Priority, 1, 255),
            AdvertInt = v.AdvertInterval,
            Version = v.Version == 3 || v.Family == AddressFamily.InterNetworkV6 ? VrrpVersion.V3 : VrrpVersion.V2,
            State = v.InitialState == ConfigInitialState.Master ? EngineInitialState.Master : EngineInitialState.Backup,
            NoPreempt = v.NoPreempt,
            PreemptDelay = v.PreemptDelay,
            AuthType = authType,
            AuthPass = authType == Vrrp.Packet.VrrpAuthType.Pass ? auth!.Password : null,
            VirtualIpaddress = [.. v.VirtualIpAddresses.Select(MapAddress)],
            VirtualIpaddressExcluded = [.. v.ExcludedVirtualIpAddresses.Select(MapAddress)],
            McastSrcIp = v.SourceAddress,
            McastDstIp = v.MulticastGroup,
            UnicastPeer = [.. v.UnicastPeers.Select(p => new VrrpUnicastPeer(p.Address) { MinTtl = ToByte(p.MinTtl), MaxTtl = ToByte(p.MaxTtl) })],

            // keepalived builds the IPv4 header itself (TTL = unicast_ttl, default 255); for IPv6 the kernel's default
            // hop limit applies unless unicast_ttl was given.
            UnicastTtl = v.Explicit.HasFlag(VrrpExplicit.UnicastTtl) || v.Family != AddressFamily.InterNetworkV6 ? ToByte(v.UnicastTtl) : null,
            TrackSourceAddress = v.TrackSourceAddress,
            CheckUnicastSrc = v.CheckUnicastSource || v.UnicastPeers.Any(p => p.MinTtl is not null || p.MaxTtl is not null),
            GarpMasterDelay = v.GarpMasterDelay,
            GarpMasterRepeat = v.GarpMasterRepeat,
            GarpLowerPrioDelay = v.GarpLowerPrioDelay,
            GarpLowerPrioRepeat = v.GarpLowerPrioRepeat,
            GarpMasterRefresh = v.GarpMasterRefresh,
            GarpMasterRefreshRepeat = v.GarpMasterRefreshRepeat,
            GarpInterval = garpGroup?.GarpInterval ?? d.GarpInterval,
            GnaInterval = garpGroup?.GnaInterval ?? d.GnaInterval,
            DownTimerAdverts = v.DownTimerAdverts,
            LowerPrioNoAdvert = v.LowerPrioNoAdvert,
            HigherPrioSendAdvert = v.HigherPrioSendAdvert,
            V3ChecksumAsV2 = v.V3ChecksumAsV2,
            OldUnicastChecksum = v.OldUnicastChecksum switch
            {
                OldUnicastChecksumMode.Old => VrrpOldUnicastChecksum.Always,
                OldUnicastChecksumMode.Never => VrrpOldUnicastChecksum.Never,
                _ => VrrpOldUnicastChecksum.Auto,
            },
            SkipCheckAdvAddr = v.SkipCheckAdvAddr,
            DontTrackPrimary = v.DontTrackPrimary,
            FaultNoUnicastPeer = v.UnicastFaultNoPeer && v.UnicastPeers.IsEmpty,
            NotifyPriorityChanges = v.NotifyPriorityChanges,
            NotifyMaster = MapScript(v.Notify.Master),
            NotifyBackup = MapScript(v.Notify.Backup),
            NotifyFault = MapScript(v.Notify.Fault),
            NotifyStop = MapScript(v.Notify.Stop),
            NotifyMasterRxLowerPri = MapScript(v.Notify.MasterRxLowerPriority),
            Notify = MapScript(v.Notify.Notify),
        };
    }

    /// <summary>Configured features of <paramref name="v"/> that neither the engine nor this runtime implements yet.</summary>
    public static IEnumerable<string> UnsupportedFeatures(VrrpInstanceConfig v)
    {
        ArgumentNullException.ThrowIfNull(v);
        if (v.UseIpvlan is not null)
        {
            yield return "use_ipvlan";
        }

        if (v.Vrf is not null)
        {
            yield return "vrf";
        }

        if (!v.TrackBfds.IsEmpty)
        {
            yield return "track_bfd";
        }

        if (v.Authentication?.Type == ConfigAuthType.Ah)
        {
            yield return "auth_type AH";
        }

        if (v.AuthHmac is not null)
        {
            yield return "auth_hmac";
        }

        if (v.GarpExtraIf is not null)
        {
            yield return "garp_extra_if";
        }

        if (v.OwnerIgnoreAdverts)
        {
            yield return "owner_ignore_adverts";
        }

        if (v.TimerExpiredBackupPriority is not null)
        {
            yield return "timer_expired_backup";
        }

        if (v.LvsSyncDaemonInterface is not null)
        {
            yield return "lvs_sync_daemon_interface";
        }

        if (v.PromoteSecondaries)
        {
            yield return "promote_secondaries";
        }

        if (v.Notify.Deleted is not null || v.Notify.NotifyDeleted)
        {
            yield return "notify_deleted";
        }

        foreach (var vip in v.VirtualIpAddresses.Concat(v.ExcludedVirtualIpAddresses))
        {
            if (vip.UseVmac || vip.TrackGroup is not null || vip.Home || vip.ManageTemporaryAddress || vip.AutoJoin || vip.NoPrefixRoute)
            {
                yield return string.Create(CultureInfo.InvariantCulture, $"option of virtual address {vip} (home/mngtmpaddr/noprefixroute/autojoin/use_vmac/track_group)");
            }
        }
    }

    /// <summary>
    /// <c>use_vmac [NAME] [MAC]</c>: name <c>vmac_prefix</c>.VRID unless given; MAC 00:00:5e:00:01:VRID (02 for IPv6)
    /// unless given (a 5-octet MAC gets the VRID appended).
    /// </summary>
    public static VrrpVirtualMac? MapVirtualMac(VrrpInstanceConfig v, string parent, string prefix)
    {
        ArgumentNullException.ThrowIfNull(v);
        if (v.UseVmac is not { } vm)
        {
            return null;
        }

        var vrid = (byte)v.VirtualRouterId;
        var mac = vm.MacAddress?.GetAddressBytes() switch
        {
            { Length: 6 } six => new System.Net.NetworkInformation.PhysicalAddress(six),
            { Length: 5 } five => new System.Net.NetworkInformation.PhysicalAddress([.. five, vrid]),
            _ => new System.Net.NetworkInformation.PhysicalAddress([0x00, 0x00, 0x5e, 0x00, v.Family == AddressFamily.InterNetworkV6 ? (byte)0x02 : (byte)0x01, vrid]),
        };
        return new VrrpVirtualMac(vm.InterfaceName ?? $"{prefix}.{vrid.ToString(CultureInfo.InvariantCulture)}", parent, mac, v.VmacXmitBase);
    }

    /// <summary>One <c>virtual_ipaddress</c> entry.</summary>
    public static VirtualIpAddress MapAddress(IpAddressConfig a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return new VirtualIpAddress(a.Address, a.PrefixLength)
        {
            Device = a.Device,
            Label = a.Label,
            Scope = a.Scope?.ToString().ToLowerInvariant(),
            Broadcast = a.BroadcastMode switch
            {
                BroadcastMode.Address => a.Broadcast,
                BroadcastMode.SetHostBits => HostBits(a, set: true),
                BroadcastMode.ClearHostBits => HostBits(a, set: false),
                _ => null,
            },
            EnableDad = a.EnableDad,
            PreferredLifetime = a.PreferredLifetime,
            Peer = a.Peer,
            NoTrack = a.NoTrack,
        };
    }

    /// <summary><c>brd +</c> / <c>brd -</c> (ip-address(8)): the prefix with all host bits set or cleared; IPv4 only.</summary>
    private static System.Net.IPAddress? HostBits(IpAddressConfig a, bool set)
    {
        if (a.Family != AddressFamily.InterNetwork || a.PrefixLength >= 31)
        {
            return null;
        }

        var bytes = a.Address.GetAddressBytes();
        var value = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes);
        var hostMask = a.PrefixLength == 0 ? uint.MaxValue : (1u << (32 - a.PrefixLength)) - 1;
        value = set ? value | hostMask : value & ~hostMask;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return new System.Net.IPAddress(bytes);
    }

    private static VrrpNotifyScript? MapScript(ScriptConfig? s) =>
        s is null ? null : new VrrpNotifyScript(s.CommandLine) { User = s.User, Group = s.Group };

    private static byte? ToByte(int? value) => value is { } n ? (byte)Math.Clamp(n, 0, 255) : null;
}
