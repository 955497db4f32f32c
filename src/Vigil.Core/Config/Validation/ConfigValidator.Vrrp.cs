using System.Collections.Immutable;
using System.Globalization;
using System.Net.Sockets;
using Vigil.Config.Model;

namespace Vigil.Config.Validation;

/// <summary>VRRP instance checks and resolution.</summary>
internal sealed partial class ConfigValidator
{
    private ImmutableArray<VrrpInstanceConfig> ValidateInstances(
        GlobalDefsConfig g,
        ImmutableArray<VrrpScriptConfig> scripts,
        ImmutableArray<TrackFileConfig> files,
        ImmutableArray<TrackProcessConfig> processes,
        ImmutableArray<BfdInstanceConfig> bfds)
    {
        var result = ImmutableArray.CreateBuilder<VrrpInstanceConfig>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var vmacNames = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in root.VrrpInstances)
        {
            if (!names.Add(raw.Name))
            {
                _diag.Error(raw.Location, "vrrp_instance", $"vrrp instance {raw.Name} already defined");
                continue;
            }

            // keepalived accounts scripts while parsing, so those of an instance it drops afterwards still count.
            var notify = CheckNotify(raw.Notify);
            var v = ResolveInstance(g, raw with { Notify = notify });
            if (v is null)
            {
                continue;
            }

            v = v with
            {
                TrackInterfaces = ValidateTrackInterfaces(v.Name, v.TrackInterfaces, v.Interface),
                TrackScripts = ResolveTracks(v.Name, v.TrackScripts, n => Find(scripts, s => s.Name == n, s => (s.Weight, s.Reverse)), "track script"),
                TrackFiles = ResolveTracks(v.Name, v.TrackFiles, n => Find(files, s => s.Name == n, s => (s.Weight, s.Reverse)), "track file"),
                TrackProcesses = ResolveTracks(v.Name, v.TrackProcesses, n => Find(processes, s => s.Name == n, s => (s.Weight, s.Reverse)), "track process"),
                TrackBfds = ResolveTracks(v.Name, v.TrackBfds, n => Find(bfds, s => s.Name == n, s => (s.Weight, s.Reverse)), "track bfd"),
            };

            if (v.IsAddressOwner)
            {
                v = v with
                {
                    TrackScripts = OwnerWeights(v, v.TrackScripts, r => $"({v.Name}) ignoring tracked script {r.Name} with weights due to address_owner"),
                    TrackFiles = OwnerWeights(v, v.TrackFiles, r => $"({v.Name}) ignoring tracked file {r.Name} with weight {r.Weight} due to address_owner"),
                    TrackProcesses = OwnerWeights(v, v.TrackProcesses, r => $"({v.Name}) ignoring tracked process {r.Name} with weight {r.Weight} due to address_owner"),
                    TrackBfds = OwnerWeights(v, v.TrackBfds, r => $"({v.Name}) ignoring tracked bfd {r.Name} with weight {r.Weight} due to address_owner"),
                    TrackInterfaces = OwnerWeights(v, v.TrackInterfaces, r => $"({v.Name}) ignoring tracked interface {r.Name} with weight {r.Weight} due to address_owner"),
                };
            }

            if (v.UseVmac is { } vmac)
            {
                var vmacName = vmac.InterfaceName ?? $"{g.Vrrp.VmacPrefix}.{v.VirtualRouterId}";
                if (vmac.InterfaceName is not null && vmacNames.TryGetValue(vmacName, out var owner))
                {
                    _diag.Error(v.Location, null, $"({v.Name}) VRRP instance {owner} is already using {vmacName} - ignoring name");
                    v = v with { UseVmac = vmac with { InterfaceName = null } };
                }
                else
                {
                    vmacNames[vmacName] = v.Name;
                }
            }

            result.Add(v);
        }

        CheckDuplicateVrids(result);
        return result.ToImmutable();
    }

    private ImmutableArray<TrackRef> OwnerWeights(VrrpInstanceConfig v, ImmutableArray<TrackRef> refs, Func<TrackRef, string> message)
    {
        var result = ImmutableArray.CreateBuilder<TrackRef>();
        foreach (var r in refs)
        {
            if (r.Weight != 0)
            {
                _diag.Error(r.Location, null, message(r), "an address owner (priority 255) cannot change priority");
                continue;
            }

            result.Add(r);
        }

        return result.ToImmutable();
    }

    /// <summary>Applies defaults and keepalived's repairs to one instance; null when keepalived would drop it.</summary>
    private VrrpInstanceConfig? ResolveInstance(GlobalDefsConfig g, VrrpInstanceConfig v)
    {
        var d = g.Vrrp;
        var x = v.Explicit;
        var name = v.Name;

        // Address family: the first VIP (or eVIP) decides; native_ipv6 forces IPv6.
        // A source address written before the first VIP fixes the family too (observed with keepalived 2.2.7).
        var sourceFirst = v.SourceAddress is not null && v.SourceAddressLocation is { } sl &&
            (v.VirtualIpAddresses.IsEmpty || sl.Line < v.VirtualIpAddresses[0].Location.Line || sl.File != v.VirtualIpAddresses[0].Location.File);
        var family = v.NativeIpv6 ? AddressFamily.InterNetworkV6
            : sourceFirst ? v.SourceAddress!.AddressFamily
            : v.VirtualIpAddresses.Length > 0 ? v.VirtualIpAddresses[0].Family
            : v.ExcludedVirtualIpAddresses.Length > 0 ? v.ExcludedVirtualIpAddresses[0].Family
            : AddressFamily.InterNetwork;
        var vips = ImmutableArray.CreateBuilder<IpAddressConfig>();
        foreach (var vip in v.VirtualIpAddresses)
        {
            if (vip.Family != family)
            {
                _diag.Error(vip.Location, null, $"({name}): address family must match VRRP instance [{vip}] - ignoring",
                    "put addresses of the other family in virtual_ipaddress_excluded");
                continue;
            }

            vips.Add(vip);
        }

        var strict = x.HasFlag(VrrpExplicit.StrictMode) ? v.StrictMode : d.Strict;
        var version = x.HasFlag(VrrpExplicit.Version) ? v.Version : d.Version;
        if (family == AddressFamily.InterNetworkV6)
        {
            if (x.HasFlag(VrrpExplicit.Version) && version == 2)
            {
                _diag.Error(v.Location, "version", $"({name}) cannot use IPv6 with VRRP version 2; setting version 3");
            }

            version = 3;
        }


        var priority = x.HasFlag(VrrpExplicit.Priority) ? v.Priority : v.InitialState == VrrpInitialState.Master ? 255 : 100;
        var noPreempt = v.NoPreempt;
        var preemptDelay = v.PreemptDelay;
        if (v.InitialState == VrrpInitialState.Master && (noPreempt || preemptDelay > TimeSpan.Zero))
        {
            if (priority == 255)
            {
                if (noPreempt)
                {
                    _diag.Error(v.Location, "nopreempt", $"({name}) nopreempt is incompatible with priority 255. resetting nopreempt");
                }
            }
            else
            {
                _diag.Error(v.Location, "nopreempt", $"({name}) Warning - {(noPreempt ? "nopreempt" : "preempt_delay")} will not work with initial state MASTER - clearing",
                    "use state BACKUP on every node with nopreempt/preempt_delay");
            }

            noPreempt = false;
            preemptDelay = TimeSpan.Zero;
        }
        else if (priority == 255 && noPreempt)
        {
            _diag.Error(v.Location, "nopreempt", $"({name}) nopreempt is incompatible with priority 255. resetting nopreempt");
            noPreempt = false;
        }

        // Interface (a loopback cannot carry VRRP: keepalived ignores it).
        var iface = v.Interface;
        if (iface == "lo")
        {
            _diag.Error(v.InterfaceLocation ?? v.Location, "interface", $"({name}) cannot use a loopback interface (lo) for vrrp - ignoring");
            iface = null;
        }

        var peers = v.UnicastPeers;
        if (iface is null && peers.IsEmpty && v.Interface != "lo")
        {
            _diag.Error(v.Location, "interface", $"({name}) Unknown interface!");
            return null;
        }

        if (iface is not null)
        {
            CheckInterface(iface, v.InterfaceLocation ?? v.Location, $"WARNING - interface {iface} for vrrp_instance {name} doesn't exist");
        }

        if (v.Vrf is { } vrf && !InterfaceExists(vrf))
        {
            _diag.Error(v.Location, "vrf", $"({name}) WARNING - VRF interface {vrf} doesn't exist");
            _missingInterface = true;
        }

        if (v.VirtualRouterId == 0)
        {
            _diag.Error(v.Location, "virtual_router_id", $"({name}) the virtual router id must be set");
            return null;
        }

        // Unicast.
        var checkUnicastSrc = x.HasFlag(VrrpExplicit.CheckUnicastSource) ? v.CheckUnicastSource : d.CheckUnicastSrc;
        if (peers.IsEmpty && x.HasFlag(VrrpExplicit.UnicastKeyword) && !v.UnicastFaultNoPeer)
        {
            _diag.Error(null, null, $"({name}) A unicast keyword has been specified without any unicast peers. Defaulting to multicast. This usage is deprecated - please update your configuration.");
        }

        var unicastTtl = v.UnicastTtl;
        if (peers.IsEmpty && x.HasFlag(VrrpExplicit.UnicastTtl))
        {
            _diag.Error(v.UnicastTtlLocation ?? v.Location, "unicast_ttl", $"({name}): Cannot use unicast_ttl without unicast peers - resetting");
            unicastTtl = 255;
        }

        if (peers.Any(p => p.MinTtl is not null || p.MaxTtl is not null))
        {
            checkUnicastSrc = true;
        }

        var useVmac = v.UseVmac;
        var xmitBase = v.VmacXmitBase;
        if ((useVmac is not null || v.UseIpvlan is not null) && !peers.IsEmpty && iface is null)
        {
            _diag.Error(v.Location, "use_vmac", $"({name}): Cannot use VMAC/ipvlan with unicast and no interface - clearing use_vmac");
            useVmac = null;
        }
        else if (useVmac is not null && !peers.IsEmpty && !xmitBase)
        {
            _diag.Error(v.Location, "use_vmac", $"({name}) unicast with use_vmac requires vmac_xmit_base - setting");
            xmitBase = true;
        }

        var promote = v.PromoteSecondaries;
        if (promote && useVmac is not null)
        {
            _diag.Error(v.Location, "promote_secondaries", $"({name}) promote_secondaries is automatically set for vmacs - ignoring");
        }

        // Advert interval per version (RFC 3768 §5.3.7: whole seconds; RFC 5798 §5.2.7: centiseconds, 12 bits).
        var advert = v.AdvertInterval;
        if (version == 2)
        {
            var micro = TimeSpans.ToMicroseconds(advert);
            if (micro % 1_000_000 != 0)
            {
                _diag.Error(v.Location, "advert_int", $"({name}) VRRPv2 advertisement interval {(micro / 1e6).ToString("0.000000", CultureInfo.InvariantCulture)}s must be an integer. rounding");
                advert = TimeSpan.FromSeconds(Math.Max(1, Math.Round(micro / 1e6, MidpointRounding.AwayFromZero)));
            }
        }
        else
        {
            var micro = TimeSpans.ToMicroseconds(advert);
            if (micro >= 40_960_000)
            {
                _diag.Error(v.Location, "advert_int", $"({name}) VRRPv3 advertisement interval {(micro / 1e6).ToString("0.00", CultureInfo.InvariantCulture)}s is out of range. Must be less than 40.96s. Setting to 40.95s");
                advert = TimeSpan.FromMilliseconds(40950);
            }
            else if (micro % 10_000 != 0)
            {
                _diag.Error(v.Location, "advert_int", $"({name}) VRRPv3 advertisement interval {(micro / 1e6).ToString("0.000000", CultureInfo.InvariantCulture)}s must be in units of 10ms - rounding");
                advert = TimeSpans.FromMicroseconds(Math.Max(10_000, (long)Math.Round(micro / 10_000.0, MidpointRounding.AwayFromZero) * 10_000));
            }
        }

        // Authentication.
        var auth = v.Authentication;
        if (auth is not null)
        {
            if (version == 3)
            {
                _diag.Error(v.Location, "authentication", $"({name}) VRRP version 3 does not support authentication. Ignoring.");
                auth = null;
            }
            else if (strict)
            {
                _diag.Error(v.Location, "authentication", $"({name}) Strict mode does not support authentication. Ignoring.");
                auth = null;
            }
            else if (auth.Type == VrrpAuthType.Ah && v.InitialState == VrrpInitialState.Master)
            {
                _diag.Error(v.Location, "authentication", $"({name}) Initial state master is incompatible with AH authentication - clearing");
                v = v with { InitialState = VrrpInitialState.Backup };
            }
        }

        // Strict mode (keepalived.conf(5) vrrp_strict).
        var accept = x.HasFlag(VrrpExplicit.Accept) ? v.Accept : !strict || priority == 255;
        var lowerPrioNoAdvert = x.HasFlag(VrrpExplicit.LowerPrioNoAdvert) ? v.LowerPrioNoAdvert : d.LowerPrioNoAdvert || strict;
        var higherPrioSendAdvert = x.HasFlag(VrrpExplicit.HigherPrioSendAdvert) ? v.HigherPrioSendAdvert : d.HigherPrioSendAdvert;
        if (strict)
        {
            if (v.InitialState == VrrpInitialState.Master && priority != 255)
            {
                _diag.Error(v.Location, "state", $"({name}) State MASTER must match being address owner");
                v = v with { InitialState = VrrpInitialState.Backup };
            }

            if (!peers.IsEmpty)
            {
                _diag.Error(v.Location, "unicast_peer", $"({name}) Unicast peers are not supported in strict mode");
                peers = [];
            }

            if (preemptDelay > TimeSpan.Zero)
            {
                _diag.Error(v.Location, "preempt_delay", $"({name}) preempt_delay is incompatible with strict mode - resetting");
                preemptDelay = TimeSpan.Zero;
            }

            if (accept && version == 2 && x.HasFlag(VrrpExplicit.Accept) && priority != 255)
            {
                _diag.Error(v.Location, "accept", $"({name}) Strict mode does not support accept mode for VRRPv2 - clearing");
                accept = false;
            }

            if (vips.Count == 0 && !v.NoVirtualIpAddress)
            {
                _diag.Error(v.Location, "virtual_ipaddress", $"({name}) No VIP specified; at least one is required");
            }

            if (xmitBase)
            {
                _diag.Error(v.Location, "vmac_xmit_base", $"({name}) vmac_xmit_base is not supported in strict mode - clearing");
                xmitBase = false;
            }

            lowerPrioNoAdvert = true;
            higherPrioSendAdvert = false;
        }
        else if (vips.Count == 0 && !v.NoVirtualIpAddress)
        {
            _diag.Error(v.Location, "virtual_ipaddress", v.VirtualIpAddresses.IsEmpty
                ? $"({name}) No VIP specified; at least one is sensible"
                : $"({name}) No VIP specified; at least one is required");
        }

        if (family == AddressFamily.InterNetworkV6 && vips.Count > 0 && !vips[0].Address.IsIPv6LinkLocal && strict)
        {
            _diag.Error(vips[0].Location, null, $"({name}) the first IPv6 VIP address must be link local");
        }

        // Addresses on interfaces.
        var addressDefaultDev = useVmac is not null ? null : iface;
        foreach (var vip in vips.Concat(v.ExcludedVirtualIpAddresses))
        {
            if (vip.Device is { } dev && dev != iface)
            {
                CheckInterface(dev, vip.Location, $"WARNING - interface {dev} for ip address {vip} doesn't exist");
            }
        }

        var routes = v.VirtualRoutes.Select(r => ValidateRoute(r, isStatic: false)).ToImmutableArray();
        var pref = 0u;
        var rules = v.VirtualRules.Select(r => ValidateRule(r, ref pref)).ToImmutableArray();
        _ = addressDefaultDev;

        var garpMasterDelay = x.HasFlag(VrrpExplicit.GarpMasterDelay) ? v.GarpMasterDelay : d.GarpMasterDelay;
        var garpMasterRepeat = x.HasFlag(VrrpExplicit.GarpMasterRepeat) ? v.GarpMasterRepeat : d.GarpMasterRepeat;
        if (d.MinGarp && !x.HasFlag(VrrpExplicit.GarpMasterRepeat))
        {
            garpMasterRepeat = 1;
            garpMasterDelay = x.HasFlag(VrrpExplicit.GarpMasterDelay) ? garpMasterDelay : TimeSpan.Zero;
        }

        var group = x.HasFlag(VrrpExplicit.MulticastGroup) ? v.MulticastGroup : family == AddressFamily.InterNetworkV6 ? d.McastGroup6 : d.McastGroup4;
        return v with
        {
            Family = family,
            Version = version,
            Priority = priority,
            NoPreempt = noPreempt,
            PreemptDelay = preemptDelay,
            AdvertInterval = advert,
            Authentication = auth,
            VirtualIpAddresses = vips.ToImmutable(),
            VirtualRoutes = routes,
            VirtualRules = rules,
            UnicastPeers = peers,
            UnicastTtl = unicastTtl,
            CheckUnicastSource = checkUnicastSrc,
            UseVmac = useVmac,
            VmacXmitBase = xmitBase,
            PromoteSecondaries = promote && useVmac is null,
            StrictMode = strict,
            Accept = accept,
            LowerPrioNoAdvert = lowerPrioNoAdvert,
            HigherPrioSendAdvert = higherPrioSendAdvert,
            MulticastGroup = group,
            GarpMasterDelay = garpMasterDelay,
            GarpMasterRepeat = garpMasterRepeat,
            GarpLowerPrioDelay = x.HasFlag(VrrpExplicit.GarpLowerPrioDelay) ? v.GarpLowerPrioDelay : x.HasFlag(VrrpExplicit.GarpMasterDelay) ? garpMasterDelay : d.GarpLowerPrioDelay,
            GarpLowerPrioRepeat = x.HasFlag(VrrpExplicit.GarpLowerPrioRepeat) ? v.GarpLowerPrioRepeat : x.HasFlag(VrrpExplicit.GarpMasterRepeat) ? garpMasterRepeat : d.GarpLowerPrioRepeat,
            GarpMasterRefresh = x.HasFlag(VrrpExplicit.GarpMasterRefresh) ? v.GarpMasterRefresh : d.GarpMasterRefresh,
            GarpMasterRefreshRepeat = x.HasFlag(VrrpExplicit.GarpMasterRefreshRepeat) ? v.GarpMasterRefreshRepeat : d.GarpMasterRefreshRepeat,
            GarpExtraIf = x.HasFlag(VrrpExplicit.GarpExtraIf) ? v.GarpExtraIf : d.GarpExtraIf,
            DownTimerAdverts = x.HasFlag(VrrpExplicit.DownTimerAdverts) ? v.DownTimerAdverts : d.DownTimerAdverts,
            SkipCheckAdvAddr = x.HasFlag(VrrpExplicit.SkipCheckAdvAddr) ? v.SkipCheckAdvAddr : d.SkipCheckAdvAddr,
            OwnerIgnoreAdverts = x.HasFlag(VrrpExplicit.OwnerIgnoreAdverts) ? v.OwnerIgnoreAdverts : d.OwnerIgnoreAdverts,
            V3ChecksumAsV2 = x.HasFlag(VrrpExplicit.V3ChecksumAsV2) ? v.V3ChecksumAsV2 : d.V3ChecksumAsV2,
            NotifyPriorityChanges = x.HasFlag(VrrpExplicit.NotifyPriorityChanges) ? v.NotifyPriorityChanges : d.NotifyPriorityChanges,
            SmtpAlert = x.HasFlag(VrrpExplicit.SmtpAlert) ? v.SmtpAlert : g.SmtpAlertVrrp ?? g.SmtpAlert ?? false,
        };
    }

    /// <summary>Two instances may not share a VRID on one interface and family with the same multicast group or
    /// overlapping unicast peers (RFC 5798 §5.2.3 and keepalived's socket sharing).</summary>
    private void CheckDuplicateVrids(ImmutableArray<VrrpInstanceConfig>.Builder instances)
    {
        var seen = new Dictionary<(string, int, AddressFamily, string), VrrpInstanceConfig>();
        foreach (var v in instances)
        {
            if (v.Interface is null)
            {
                continue;
            }

            var channel = v.IsUnicast ? "u:" + string.Join(",", v.UnicastPeers.Select(p => p.Address.ToString()).Order(StringComparer.Ordinal)) : "m:" + v.MulticastGroup;
            var key = (v.Interface, v.VirtualRouterId, v.Family, channel);
            if (seen.TryGetValue(key, out var other))
            {
                _diag.Error(v.Location, "virtual_router_id",
                    $"{other.Name} and {v.Name} both use VRID {v.VirtualRouterId} with IPv{(v.Family == AddressFamily.InterNetworkV6 ? 6 : 4)} on interface {v.Interface}");
                continue;
            }

            seen[key] = v;
        }
    }
}
