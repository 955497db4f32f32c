using System.Collections.Immutable;

namespace Vigil.Vrrp.Ports;

/// <summary>Everything an instance installs while MASTER.</summary>
/// <param name="InstanceName">Owner, for logs and (later) reload diffs.</param>
/// <param name="InterfaceName">Default device for entries without <c>dev</c> (the VMAC with <c>use_vmac</c>).</param>
/// <param name="VirtualIpaddress"><c>virtual_ipaddress</c>.</param>
/// <param name="VirtualIpaddressExcluded"><c>virtual_ipaddress_excluded</c>.</param>
/// <param name="VirtualRoutes"><c>virtual_routes</c>.</param>
/// <param name="VirtualRules"><c>virtual_rules</c>.</param>
public sealed record VrrpAddressSet(
    string InstanceName,
    string InterfaceName,
    ImmutableArray<VirtualIpAddress> VirtualIpaddress,
    ImmutableArray<VirtualIpAddress> VirtualIpaddressExcluded,
    ImmutableArray<VirtualRoute> VirtualRoutes,
    ImmutableArray<VirtualRule> VirtualRules)
{
    /// <summary><c>accept</c>: false = the VIPs are also put in the accept-mode firewall's drop sets.</summary>
    public bool Accept { get; init; } = true;

    /// <summary>The set configured for <paramref name="settings"/>.</summary>
    public static VrrpAddressSet For(VrrpInstanceSettings settings) =>
        new(settings.Name, settings.AddressInterface, settings.VirtualIpaddress, settings.VirtualIpaddressExcluded, settings.VirtualRoutes, settings.VirtualRules)
        {
            Accept = settings.Accept,
        };
}
