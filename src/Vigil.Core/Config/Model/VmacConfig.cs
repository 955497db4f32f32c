using System.Collections.Immutable;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Vigil.Config.Model;

/// <summary><c>use_vmac [NAME] [MAC]</c>: a macvlan carrying the virtual MAC 00:00:5e:00:01:VRID (02 for IPv6).</summary>
public sealed record VmacConfig
{
    /// <summary>Interface name; null = <c>vmac_prefix</c>.VRID.</summary>
    public string? InterfaceName { get; init; }

    /// <summary>Explicit MAC (6 octets; a 5-octet value gets the VRID appended).</summary>
    public PhysicalAddress? MacAddress { get; init; }

    /// <summary><c>netlink_notify_msg</c> (keepalived 2.4): send a netlink message when the VMAC is created.</summary>
    public bool NetlinkNotifyMessage { get; init; }

    /// <summary><c>group G</c> (keepalived 2.4): interface group of the VMAC.</summary>
    public string? Group { get; init; }
}
