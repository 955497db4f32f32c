using System.Net;
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
/// Routes and rules are not programmed yet (reported at start by the mapper).
/// </summary>
internal sealed class LinuxVrrpAddressProgrammer(RtnlClient client) : IVrrpAddressProgrammer
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
            foreach (var vip in set.VirtualIpaddress.Concat(set.VirtualIpaddressExcluded))
            {
                AddOne(set.InterfaceName, vip);
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
        }
    }

    /// <summary>
    /// A kernel address deletion was seen: if a MASTER holds that address, put it back (keepalived re-adds deleted VIPs
    /// unless <c>no_track</c>... which only changes whether the instance leaves MASTER). Returns the instance name.
    /// </summary>
    public string? RestoreIfHeld(string interfaceName, IPAddress address)
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
                        return set.InstanceName;
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
