using System.Net;
using Microsoft.Extensions.Logging;
using Vigil.Linux.Interop;
using Vigil.Linux.Rtnl;
using Vigil.Vrrp;
using Vigil.Vrrp.Ports;

namespace Vigil.Linux.VrrpRuntime;

/// <summary>
/// Installs VIPs and eVIPs over rtnetlink with keepalived's attributes (reference §3.10): IPv6 VIPs get IFA_F_NODAD
/// unless <c>-nodad</c>, /128 VIPs are deprecated (preferred_lft 0) unless <c>preferred_lft forever</c>, labels, scope,
/// broadcast and peer as configured. An address that already exists on add, or is already gone on delete, is not an
/// error. Remembers what each MASTER holds so the runtime can put back a VIP deleted by hand.
/// Routes and rules (<c>virtual_routes</c>, <c>virtual_rules</c>; the runtime also passes its static entries as one set)
/// go in with protocol 18 after the addresses and out before them; with accept mode off the VIPs are put in the
/// firewall's drop sets first and taken out last (keepalived's order). A route or rule that fails is reported and the
/// rest still go in. Deleted routes and rules are put back unless <c>no_track</c>.
/// </summary>
internal sealed partial class LinuxVrrpAddressProgrammer(RtnlClient client, AcceptModeFirewall? firewall, ILogger logger) : IVrrpAddressProgrammer
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, VrrpAddressSet> _held = new(StringComparer.Ordinal);

    /// <summary>Set at shutdown with <c>-V</c>: addresses stay configured.</summary>
    public bool KeepOnRemove { get; set; }

    /// <summary>Set at shutdown: stop putting back deleted addresses.</summary>
    public bool Stopping { get; set; }

    public void Add(VrrpAddressSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        lock (_gate)
        {
            _held[set.InstanceName] = set;
            if (!set.Accept && firewall is not null &&
                firewall.Add(set.InstanceName, [.. set.VirtualIpaddress.Concat(set.VirtualIpaddressExcluded).Select(v => (v.Address, v.Device ?? set.InterfaceName))]) is { } error)
            {
                LogFailed(logger, set.InstanceName, "setting firewall drop rule", error);
            }

            foreach (var vip in set.VirtualIpaddress.Concat(set.VirtualIpaddressExcluded))
            {
                AddOne(set.InterfaceName, vip);
            }

            foreach (var route in set.VirtualRoutes)
            {
                AddRoute(set.InstanceName, route);
            }

            foreach (var rule in set.VirtualRules)
            {
                AddRule(set.InstanceName, rule);
            }
        }
    }

    public void Remove(VrrpAddressSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        lock (_gate)
        {
            _held.Remove(set.InstanceName);
            if (KeepOnRemove)
            {
                return;
            }

            foreach (var rule in set.VirtualRules)
            {
                try
                {
                    client.DeleteRule(RouteTranslation.ToEntry(rule.Rule));
                }
                catch (ErrnoException e) when (e.Errno is Errno.ENOENT or Errno.ESRCH)
                {
                }
                catch (ErrnoException e)
                {
                    LogFailed(logger, set.InstanceName, "removing rule", e.Message);
                }
            }

            foreach (var route in set.VirtualRoutes)
            {
                if (RouteTranslation.ToEntry(route.Route, IndexOf) is not { } entry)
                {
                    continue; // its interface is gone, and the route with it
                }

                try
                {
                    client.DeleteRoute(entry);
                }
                catch (ErrnoException e) when (e.Errno is Errno.ENOENT or Errno.ESRCH or Errno.ENODEV)
                {
                }
                catch (ErrnoException e)
                {
                    LogFailed(logger, set.InstanceName, "removing route", e.Message);
                }
            }

            foreach (var vip in set.VirtualIpaddress.Concat(set.VirtualIpaddressExcluded))
            {
                var index = IndexOf(vip.Device ?? set.InterfaceName);
                if (index is null)
                {
                    continue; // interface gone: so are its addresses
                }

                try
                {
                    client.DeleteAddress(Entry(index.Value, vip));
                }
                catch (ErrnoException e) when (e.Errno is Errno.ENOENT or Errno.EADDRNOTAVAIL or Errno.ENODEV)
                {
                }
            }

            if (!set.Accept && firewall?.Remove(set.InstanceName) is { } error)
            {
                LogFailed(logger, set.InstanceName, "removing firewall drop rule", error);
            }
        }
    }

    /// <summary>A route deletion was seen: put it back if a holder has it and it is tracked. Returns the holder.</summary>
    public string? RestoreRouteIfHeld(RouteEntry deleted)
    {
        ArgumentNullException.ThrowIfNull(deleted);
        lock (_gate)
        {
            if (Stopping || deleted.Protocol != RtnlConstants.RTPROT_KEEPALIVED)
            {
                return null;
            }

            foreach (var set in _held.Values)
            {
                foreach (var route in set.VirtualRoutes)
                {
                    if (!route.Route.NoTrack && RouteTranslation.ToEntry(route.Route, IndexOf) is { } entry && RouteTranslation.SameRoute(entry, deleted))
                    {
                        AddRoute(set.InstanceName, route);
                        return set.InstanceName;
                    }
                }
            }

            return null;
        }
    }

    /// <summary>A rule deletion was seen: put it back if a holder has it and it is tracked. Returns the holder.</summary>
    public string? RestoreRuleIfHeld(RuleEntry deleted)
    {
        ArgumentNullException.ThrowIfNull(deleted);
        lock (_gate)
        {
            if (Stopping || deleted.Protocol != RtnlConstants.RTPROT_KEEPALIVED)
            {
                return null;
            }

            foreach (var set in _held.Values)
            {
                foreach (var rule in set.VirtualRules)
                {
                    if (!rule.Rule.NoTrack && RouteTranslation.SameRule(RouteTranslation.ToEntry(rule.Rule), deleted))
                    {
                        AddRule(set.InstanceName, rule);
                        return set.InstanceName;
                    }
                }
            }

            return null;
        }
    }

    private void AddRoute(string instance, VirtualRoute route)
    {
        if (RouteTranslation.ToEntry(route.Route, IndexOf) is not { } entry)
        {
            LogFailed(logger, instance, "setting route", $"an interface of {route.Route.Destination}/{route.Route.DestinationPrefixLength} does not exist");
            return;
        }

        try
        {
            client.AddRoute(entry, route.Route.Append ? RouteAddMode.Append : RouteAddMode.Prepend);
        }
        catch (ErrnoException e) when (e.Errno == Errno.EEXIST)
        {
        }
        catch (ErrnoException e)
        {
            LogFailed(logger, instance, "setting route", e.Message);
        }
    }

    private void AddRule(string instance, VirtualRule rule)
    {
        try
        {
            client.AddRule(RouteTranslation.ToEntry(rule.Rule));
        }
        catch (ErrnoException e) when (e.Errno == Errno.EEXIST)
        {
        }
        catch (ErrnoException e)
        {
            LogFailed(logger, instance, "setting rule", e.Message);
        }
    }

    [LoggerMessage(EventId = 6120, Level = LogLevel.Error, Message = "({Instance}) {Action} failed: {Error}")]
    private static partial void LogFailed(ILogger logger, string instance, string action, string error);

    /// <summary>
    /// A kernel address deletion was seen: if a MASTER holds that address, put it back (keepalived re-adds deleted VIPs
    /// unless <c>no_track</c>... which only changes whether the instance leaves MASTER). Returns the instance name.
    /// </summary>
    public (string Instance, VirtualIpAddress Address)? RestoreIfHeld(string interfaceName, IPAddress address)
    {
        lock (_gate)
        {
            if (Stopping)
            {
                return null;
            }

            foreach (var set in _held.Values)
            {
                foreach (var vip in set.VirtualIpaddress.Concat(set.VirtualIpaddressExcluded))
                {
                    if (vip.Address.Equals(address) && (vip.Device ?? set.InterfaceName) == interfaceName)
                    {
                        AddOne(set.InterfaceName, vip);
                        return (set.InstanceName, vip);
                    }
                }
            }

            return null;
        }
    }

    private void AddOne(string defaultInterface, VirtualIpAddress vip)
    {
        var name = vip.Device ?? defaultInterface;
        var index = IndexOf(name) ?? throw new ErrnoException($"add {vip} on {name}", Errno.ENODEV);
        try
        {
            client.AddAddress(Entry(index, vip));
        }
        catch (ErrnoException e) when (e.Errno == Errno.EEXIST)
        {
        }
    }

    private int? IndexOf(string interfaceName) => client.GetLink(interfaceName)?.Index;

    private static AddressEntry Entry(int index, VirtualIpAddress vip) =>
        AddressEntry.ForVirtualAddress(index, vip.Address, vip.PrefixLength, vip.EnableDad, vip.PreferredLifetime == uint.MaxValue) with
        {
            Label = vip.Label,
            Broadcast = vip.Broadcast,
            Peer = vip.Peer,
            Scope = vip.Scope switch
            {
                "site" => RouteScope.Site,
                "link" => RouteScope.Link,
                "host" => RouteScope.Host,
                "nowhere" => RouteScope.Nowhere,
                _ => RouteScope.Universe,
            },
        };
}
