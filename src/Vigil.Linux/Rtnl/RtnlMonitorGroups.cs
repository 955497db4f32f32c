namespace Vigil.Linux.Rtnl;

/// <summary>Which rtnetlink multicast groups a <see cref="RtnlMonitor"/> joins.</summary>
[Flags]
public enum RtnlMonitorGroups
{
    None = 0,
    Links = 1,
    Ipv4Addresses = 2,
    Ipv6Addresses = 4,
    Ipv4Routes = 8,
    Ipv6Routes = 16,
    Rules = 32,
    Addresses = Ipv4Addresses | Ipv6Addresses,
    Routes = Ipv4Routes | Ipv6Routes,
    All = Links | Addresses | Routes | Rules,
}
