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
}
