using System.Net;
using Vigil.Vrrp;

namespace Vigil.Linux.VrrpRuntime.Tests;

/// <summary>keepalived 2.2.7's "Restoring deleted static address ..." line (observed for both forms).</summary>
public class StaticRestoreTextTests
{
    [Fact]
    public void WithPrefixAndTrackGroup()
    {
        var vip = new VirtualIpAddress(IPAddress.Parse("198.51.100.50"), 24) { TrackGroup = "TG" };

        Assert.Equal("198.51.100.50/24 dev veth0 scope global track_group TG set", VrrpRuntime.StaticRestoreText(vip, "veth0"));
    }

    [Fact]
    public void HostAddressWithLabel_HasNoPrefix()
    {
        var vip = VirtualIpAddress.Host(IPAddress.Parse("198.51.100.60")) with { Label = "veth0:x" };

        Assert.Equal("198.51.100.60 dev veth0 scope global label veth0:x set", VrrpRuntime.StaticRestoreText(vip, "veth0"));
    }
}
