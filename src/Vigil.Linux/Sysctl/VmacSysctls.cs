namespace Vigil.Linux.Sysctl;

/// <summary>
/// The kernel parameters keepalived sets for a VMAC (reference §3.9), applied through a <see cref="SysctlStore"/>
/// so that <see cref="SysctlStore.RestoreAll"/> undoes them on exit.
/// </summary>
public static class VmacSysctls
{
    /// <summary>
    /// On the macvlan: arp_ignore 1 (answer ARP only for its own addresses), accept_local 1 (accept adverts whose
    /// source is a local address, the VMAC MAC being shared), rp_filter 0, promote_secondaries 1. On the parent:
    /// arp_ignore 1 and arp_filter 1, so the parent does not answer ARP for the VIP with its own MAC.
    /// The effective rp_filter of an interface is max(all, interface): when all/rp_filter is on, it is set to 0
    /// and every other interface (and default, for links created later) is raised to the old value, so no
    /// interface filters less than before.
    /// </summary>
    public static void Apply(SysctlStore store, string vmacName, string parentName)
    {
        ArgumentNullException.ThrowIfNull(store);
        store.Set(SysctlStore.Ipv4Conf(vmacName, "arp_ignore"), 1);
        store.Set(SysctlStore.Ipv4Conf(vmacName, "accept_local"), 1);
        store.Set(SysctlStore.Ipv4Conf(vmacName, "rp_filter"), 0);
        store.Set(SysctlStore.Ipv4Conf(vmacName, "promote_secondaries"), 1);
        store.Set(SysctlStore.Ipv4Conf(parentName, "arp_ignore"), 1);
        store.Set(SysctlStore.Ipv4Conf(parentName, "arp_filter"), 1);

        const string all = "net/ipv4/conf/all/rp_filter";
        var allValue = store.ReadInt(all) ?? 0;
        if (allValue == 0)
        {
            return;
        }

        foreach (var name in store.Ipv4Interfaces().Where(n => n != vmacName).Append("default"))
        {
            var path = name == "default" ? "net/ipv4/conf/default/rp_filter" : SysctlStore.Ipv4Conf(name, "rp_filter");
            if (store.ReadInt(path) is int v && v < allValue)
            {
                store.Set(path, allValue);
            }
        }

        store.Set(all, 0);
    }

    /// <summary>net.ipv6.conf.IF.forwarding: an unsolicited NA then carries the Router flag (reference §3.8).</summary>
    public static bool Ipv6Forwarding(SysctlStore store, string interfaceName)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.ReadInt(SysctlStore.Ipv6Conf(interfaceName, "forwarding")) is > 0;
    }
}
