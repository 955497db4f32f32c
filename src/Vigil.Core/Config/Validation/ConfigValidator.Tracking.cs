using System.Collections.Immutable;
using System.Net.Sockets;
using Vigil.Config.Model;

namespace Vigil.Config.Validation;

/// <summary>Tracking objects, sync groups, static entries and interface lists.</summary>
internal sealed partial class ConfigValidator
{
    private ImmutableArray<VrrpScriptConfig> ValidateVrrpScripts()
    {
        var result = ImmutableArray.CreateBuilder<VrrpScriptConfig>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in root.VrrpScripts)
        {
            if (s.Script is null || s.Script.Arguments.IsEmpty)
            {
                _diag.Error(s.Location, "vrrp_script", $"No script set for vrrp_script {s.Name} - removing");
                continue;
            }

            if (!seen.Add(s.Name))
            {
                _diag.Error(s.Location, "vrrp_script", $"vrrp_script {s.Name} already defined - ignoring");
                continue;
            }

            var checkedScript = CheckScript(s.Script, ScriptKind.Vrrp,
                $"Unable to set default user for vrrp script {s.Name} - removing",
                $"Unable to set uid/gid for script {Quoted(s.Script)}",
                $"Disabling track script {s.Name} since not found/accessible");
            if (checkedScript is null)
            {
                continue;
            }

            result.Add(s with { Script = checkedScript });
        }

        return result.ToImmutable();
    }

    private ImmutableArray<TrackFileConfig> ValidateTrackFiles()
    {
        var result = ImmutableArray.CreateBuilder<TrackFileConfig>();
        foreach (var f in root.TrackFiles)
        {
            if (f.File is null)
            {
                _diag.Error(f.Location, "track_file", $"No file set for track_file {f.Name} - ignoring");
                continue;
            }

            result.Add(f);
        }

        return result.ToImmutable();
    }

    private ImmutableArray<BfdInstanceConfig> ValidateBfdInstances()
    {
        var result = ImmutableArray.CreateBuilder<BfdInstanceConfig>();
        foreach (var b in root.BfdInstances)
        {
            if (b.Neighbor is null)
            {
                _diag.Error(b.Location, "bfd_instance", $"Configuration error: BFD instance {b.Name} has no neighbor address set, disabling instance");
                continue;
            }

            if (b.Source is { } src && src.AddressFamily != b.Neighbor.AddressFamily)
            {
                _diag.Error(b.Location, "bfd_instance", $"Configuration error: BFD instance {b.Name} source address {src} and neighbor address {b.Neighbor} are not the same family, disabling instance");
                continue;
            }

            result.Add(b);
        }

        return result.ToImmutable();
    }

    /// <summary>Resolves track references against the tracked objects: unknown names are dropped with keepalived's messages
    /// and missing weights take the object's own.</summary>
    private ImmutableArray<TrackRef> ResolveTracks(
        string owner,
        ImmutableArray<TrackRef> refs,
        Func<string, (bool Found, int Weight, bool Reverse)> lookup,
        string kind)
    {
        var result = ImmutableArray.CreateBuilder<TrackRef>();
        foreach (var r in refs)
        {
            var (found, weight, reverse) = lookup(r.Name);
            if (!found)
            {
                _diag.Error(r.Location, null, $"({owner}) {kind} {r.Name} not found, ignoring...");
                continue;
            }

            result.Add(r.WeightConfigured ? r : r with { Weight = weight, Reverse = r.Reverse || reverse });
        }

        return result.ToImmutable();
    }

    private ImmutableArray<VrrpSyncGroupConfig> ValidateSyncGroups(
        ref ImmutableArray<VrrpInstanceConfig> instances,
        ImmutableArray<VrrpScriptConfig> scripts,
        ImmutableArray<TrackFileConfig> files,
        ImmutableArray<TrackProcessConfig> processes,
        ImmutableArray<BfdInstanceConfig> bfds)
    {
        var result = ImmutableArray.CreateBuilder<VrrpSyncGroupConfig>();
        var byName = instances.Select((v, i) => (v.Name, i)).GroupBy(x => x.Name).ToDictionary(g => g.Key, g => g.First().i, StringComparer.Ordinal);
        var builder = instances.ToBuilder();
        foreach (var g in root.SyncGroups)
        {
            var members = ImmutableArray.CreateBuilder<string>();
            foreach (var name in g.Instances)
            {
                if (!byName.TryGetValue(name, out var idx))
                {
                    _diag.Error(g.Location, "vrrp_sync_group", $"Virtual router {name} specified in sync group {g.Name} doesn't exist - ignoring");
                    continue;
                }

                if (builder[idx].SyncGroup is { } other)
                {
                    _diag.Error(g.Location, "vrrp_sync_group", $"VRRP instance {name} is already in sync group {other} - ignoring");
                    continue;
                }

                members.Add(name);
            }

            if (members.Count == 0)
            {
                _diag.Error(g.Location, "vrrp_sync_group", $"Sync group {g.Name} has no virtual router(s). removing");
                continue;
            }

            if (members.Count == 1)
            {
                _diag.Error(g.Location, "vrrp_sync_group", $"Sync group {g.Name} has only 1 virtual router(s) - this probably isn't what you want");
            }

            var group = g with
            {
                Instances = members.ToImmutable(),
                TrackInterfaces = ValidateTrackInterfaces(g.Name, g.TrackInterfaces, null),
                TrackScripts = ResolveTracks(g.Name, g.TrackScripts, n => Find(scripts, s => s.Name == n, s => (s.Weight, s.Reverse)), "track script"),
                TrackFiles = ResolveTracks(g.Name, g.TrackFiles, n => Find(files, s => s.Name == n, s => (s.Weight, s.Reverse)), "track file"),
                TrackProcesses = ResolveTracks(g.Name, g.TrackProcesses, n => Find(processes, s => s.Name == n, s => (s.Weight, s.Reverse)), "track process"),
                TrackBfds = ResolveTracks(g.Name, g.TrackBfds, n => Find(bfds, s => s.Name == n, s => (s.Weight, s.Reverse)), "track bfd"),
                Notify = CheckNotify(g.Notify),
            };

            foreach (var name in group.Instances)
            {
                var idx = byName[name];
                var vi = builder[idx];
                foreach (var ti in vi.TrackInterfaces.Where(ti => group.TrackInterfaces.Any(gi => gi.Name == ti.Name)))
                {
                    _diag.Error(ti.Location, null, $"({vi.Name}) track_interface {ti.Name} is configured on VRRP instance and sync group. Remove vrrp instance or sync group config");
                }

                if (!group.SyncGroupTrackingWeight)
                {
                    vi = vi with
                    {
                        TrackInterfaces = ZeroWeights(vi, vi.TrackInterfaces, "tracked interface"),
                        TrackScripts = ZeroWeights(vi, vi.TrackScripts, "tracked script"),
                        TrackFiles = ZeroWeights(vi, vi.TrackFiles, "tracked file"),
                        TrackProcesses = ZeroWeights(vi, vi.TrackProcesses, "tracked process"),
                        TrackBfds = ZeroWeights(vi, vi.TrackBfds, "tracked bfd"),
                    };
                }

                builder[idx] = vi with { SyncGroup = group.Name };
            }

            result.Add(group);
        }

        instances = builder.ToImmutable();
        return result.ToImmutable();
    }

    /// <summary>Sync group members track with weight 0 (keepalived.conf(5) "VRRP synchronization group(s)").</summary>
    private ImmutableArray<TrackRef> ZeroWeights(VrrpInstanceConfig vi, ImmutableArray<TrackRef> refs, string kind)
    {
        if (refs.All(r => r.Weight == 0))
        {
            return refs;
        }

        return [.. refs.Select(r =>
        {
            if (r.Weight == 0)
            {
                return r;
            }

            if (r.WeightConfigured)
            {
                _diag.Error(r.Location, null, $"({vi.Name}) ignoring {r.Name} {kind} weight due to SYNC group");
            }

            return r with { Weight = 0 };
        })];
    }

    private static (bool, int, bool) Find<T>(ImmutableArray<T> items, Func<T, bool> match, Func<T, (int Weight, bool Reverse)> get)
    {
        foreach (var i in items)
        {
            if (match(i))
            {
                var (w, r) = get(i);
                return (true, w, r);
            }
        }

        return (false, 0, false);
    }

    private ImmutableArray<TrackRef> ValidateTrackInterfaces(string owner, ImmutableArray<TrackRef> refs, string? ownInterface)
    {
        var result = ImmutableArray.CreateBuilder<TrackRef>();
        foreach (var r in refs)
        {
            if (ownInterface is not null && r.Name == ownInterface)
            {
                _diag.Error(r.Location, null, $"({owner}) Ignoring track_interface {r.Name} since own interface");
                continue;
            }

            if (!InterfaceExists(r.Name))
            {
                if (!root.Global.DynamicInterfaces)
                {
                    _diag.Error(r.Location, null, $"({owner}) tracked interface {r.Name} doesn't exist");
                    _missingInterface = true;
                    continue;
                }
            }

            result.Add(r);
        }

        return result.ToImmutable();
    }

    private (ImmutableArray<IpAddressConfig> Addresses, ImmutableArray<RouteConfig> Routes, ImmutableArray<RuleConfig> Rules) ValidateStatic(GlobalDefsConfig g)
    {
        var addresses = ImmutableArray.CreateBuilder<IpAddressConfig>();
        foreach (var a in root.StaticAddresses)
        {
            var dev = a.Device ?? g.DefaultInterface;
            CheckInterface(dev, a.Location, $"WARNING - interface {dev} for ip address {a} doesn't exist");
            addresses.Add(a with { Device = dev });
        }

        var routes = ImmutableArray.CreateBuilder<RouteConfig>();
        foreach (var r in root.StaticRoutes)
        {
            routes.Add(ValidateRoute(r, isStatic: true));
        }

        var rules = ImmutableArray.CreateBuilder<RuleConfig>();
        var pref = 0u;
        foreach (var r in root.StaticRules)
        {
            rules.Add(ValidateRule(r, ref pref));
        }

        return (addresses.ToImmutable(), routes.ToImmutable(), rules.ToImmutable());
    }

    private RouteConfig ValidateRoute(RouteConfig r, bool isStatic)
    {
        if (r.Device is { } dev)
        {
            CheckInterface(dev, r.Location, $"WARNING - interface {dev} for VROUTE doesn't exist");
        }

        foreach (var hop in r.NextHops)
        {
            if (hop.Device is { } hd)
            {
                CheckInterface(hd, r.Location, $"WARNING - interface {hd} for VROUTE nexthop doesn't exist");
            }
        }

        if (!r.NoTrack && !isStatic)
        {
            if (r.Device is null && r.NextHops.All(h => h.Device is null))
            {
                _diag.Error(r.Location, null, $"Warning - cannot track route {FormatPrefix(r)} with no interface specified, not tracking");
                r = r with { NoTrack = true };
            }
            else if (r.Protocol is { } p && p != 18)
            {
                _diag.Error(r.Location, null, "Route cannot be tracked if protocol is not RTPROT_KEEPALIVED(18), resetting protocol");
                r = r with { Protocol = 18 };
            }
        }

        return r;
    }

    private static string FormatPrefix(RouteConfig r) => $"{r.Destination}/{r.DestinationPrefixLength}";

    private RuleConfig ValidateRule(RuleConfig r, ref uint lastPreference)
    {
        if (r.InputInterface is { } iif)
        {
            CheckInterface(iif, r.Location, $"WARNING - interface {iif} for rule doesn't exist");
        }

        if (r.OutputInterface is { } oif)
        {
            CheckInterface(oif, r.Location, $"WARNING - interface {oif} for rule doesn't exist");
        }

        if (r.Preference is null)
        {
            // keepalived numbers unspecified preferences itself, descending from the kernel's default rules.
            var assigned = lastPreference == 0 ? 32765u : lastPreference - 1;
            _diag.Error(r.Location, null, $"Rule has no preference specified - setting to {assigned}. This is probably not what you want.");
            r = r with { Preference = assigned };
        }

        lastPreference = r.Preference.Value;
        return r;
    }

    private ImmutableArray<GarpGroupConfig> ValidateGarpGroups()
    {
        var result = ImmutableArray.CreateBuilder<GarpGroupConfig>();
        var used = new HashSet<string>(StringComparer.Ordinal);
        var n = 0;
        foreach (var g in root.GarpGroups)
        {
            n++;
            if (g.GarpInterval is null && g.GnaInterval is null)
            {
                _diag.Error(g.Location, "garp_group", $"garp group {n} does not have any delay set - removing");
                continue;
            }

            var ifs = ImmutableArray.CreateBuilder<string>();
            foreach (var i in g.Interfaces)
            {
                if (!used.Add(i))
                {
                    _diag.Error(g.Location, "garp_group", $"garp_group already specified for {i} - ignoring");
                    continue;
                }

                if (CheckInterface(i, g.Location, $"WARNING - interface {i} specified for garp_group doesn't exist") || root.Global.DynamicInterfaces)
                {
                    ifs.Add(i);
                }
            }

            result.Add(g with { Interfaces = ifs.ToImmutable() });
        }

        return result.ToImmutable();
    }

    private void ValidateInterfaceLists()
    {
        foreach (var l in root.LinkbeatInterfaces)
        {
            if (!InterfaceExists(l.Interface))
            {
                _diag.Error(l.Location, "linkbeat_interfaces", $"unknown interface {l.Interface} specified for linkbeat interface");
            }
        }

        foreach (var d in root.InterfaceUpDownDelays)
        {
            if (!InterfaceExists(d.Interface))
            {
                _diag.Error(d.Location, "interface_up_down_delays", $"unknown interface {d.Interface} specified for up/down delay");
            }
        }
    }

    private static bool IsV6(IpAddressConfig a) => a.Family == AddressFamily.InterNetworkV6;
}
