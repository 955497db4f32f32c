using System.Net;

namespace Vigil.Vrrp.Tests;

internal static class TestSettings
{
    /// <summary>The instance the crafted packets were sent to: VI_1, vrid 51, priority 100, 1 s, VIP 192.0.2.100.</summary>
    public static VrrpInstanceSettings Vi1 { get; } = new()
    {
        Name = "VI_1",
        Interface = "eth0",
        VirtualRouterId = 51,
        VirtualIpaddress = [VirtualIpAddress.Host(IPAddress.Parse("192.0.2.100"))],
    };
}
