using System.Net.NetworkInformation;

namespace Vigil.Vrrp;

/// <summary>
/// <c>use_vmac</c>: a macvlan (private mode) named <paramref name="Name"/> on <paramref name="Parent"/> carrying
/// <paramref name="Mac"/> (00:00:5e:00:01:VRID, 00:00:5e:00:02:VRID for IPv6, unless configured). The instance's VIPs
/// without <c>dev</c> live on it; adverts are sent on it too unless <paramref name="XmitBase"/>
/// (<c>vmac_xmit_base</c>: on the parent, with the parent's MAC).
/// </summary>
public sealed record VrrpVirtualMac(string Name, string Parent, PhysicalAddress Mac, bool XmitBase);
