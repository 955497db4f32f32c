using System.Net;
using System.Net.NetworkInformation;
using Vigil.Config.Model;
using Vigil.Config.Tests;
using Vigil.Vrrp;
using Vigil.Vrrp.Ports;

namespace Vigil.Runtime.Tests;

/// <summary>use_vmac, accept mode, virtual and static routes/rules/addresses: configuration → engine settings.</summary>
public class VrrpLinuxFeatureMappingTests
{
    private static VrrpRuntimePlan Plan(string text)
    {
        var r = ConfigTestHelper.Load(text);
        Assert.True(r.Config is not null, r.Report());
        return VrrpSettingsMapper.Map(r.Config!);
    }

    [Fact]
    public void UseVmac_Default_IsVrrpDotVrid_WithIanaMac_AndAdvertsOnTheVmac()
    {
        var plan = Plan(ConfigTestHelper.Instance(body: "use_vmac"));
        var s = Assert.Single(plan.Instances);
        Assert.Equal(new VrrpVirtualMac("vrrp.51", "eth0", PhysicalAddress.Parse("00-00-5E-00-01-33"), false), s.VirtualMac);
        Assert.Equal("vrrp.51", s.Interface);
        Assert.Equal("vrrp.51", s.AddressInterface);
        Assert.Equal("vrrp.51", VrrpAddressSet.For(s).InterfaceName);
        Assert.Empty(plan.Unsupported);
    }

    [Fact]
    public void UseVmac_NamedWithXmitBase_SendsOnTheParent_AddressesOnTheVmac()
    {
        var s = Assert.Single(Plan(ConfigTestHelper.Instance(body: "use_vmac vrrp54x\nvmac_xmit_base")).Instances);
        Assert.Equal(new VrrpVirtualMac("vrrp54x", "eth0", PhysicalAddress.Parse("00-00-5E-00-01-33"), true), s.VirtualMac);
        Assert.Equal("eth0", s.Interface);
        Assert.Equal("vrrp54x", s.AddressInterface);
    }

    [Fact]
    public void UseVmac_Ipv6_UsesTheIpv6VirtualMac_AndVmacPrefix()
    {
        var s = Assert.Single(Plan("""
            global_defs {
                vmac_prefix vm
            }
            vrrp_instance VI_6 {
                interface eth0
                virtual_router_id 53
                use_vmac
                virtual_ipaddress {
                    fe80::53/64
                }
            }
            """).Instances);
        Assert.Equal(new VrrpVirtualMac("vm.53", "eth0", PhysicalAddress.Parse("00-00-5E-00-02-35"), false), s.VirtualMac);
    }

    [Fact]
    public void NoVmac_AddressInterfaceIsTheInterface()
    {
        var s = Assert.Single(Plan(ConfigTestHelper.Instance()).Instances);
        Assert.Null(s.VirtualMac);
        Assert.Equal("eth0", s.AddressInterface);
    }

    [Theory]
    [InlineData("", "", true)]
    [InlineData("", "no_accept", false)]
    [InlineData("vrrp_strict", "", false)]
    [InlineData("vrrp_strict", "priority 255", true)]
    [InlineData("", "accept", true)]
    public void AcceptMode_FollowsKeepalived(string global, string body, bool accept)
    {
        var s = Assert.Single(Plan($"global_defs {{\n{global}\n}}\n" + ConfigTestHelper.Instance(body: body)).Instances);
        Assert.Equal(accept, s.Accept);
        Assert.Equal(accept, VrrpAddressSet.For(s).Accept);
    }

    [Fact]
    public void VirtualRoutesAndRules_AreTheModelsRecords()
    {
        var plan = Plan(ConfigTestHelper.Instance(body: """
            virtual_routes {
                203.0.113.0/25 via 192.0.2.254 dev eth0
                src 203.0.113.100 198.51.100.0/26 dev eth0 table 200 no_track
            }
            virtual_rules {
                from 203.0.113.100 table 200 priority 200
            }
            """));
        var s = Assert.Single(plan.Instances);
        Assert.Empty(plan.Unsupported);
        Assert.Equal(2, s.VirtualRoutes.Length);
        var r0 = s.VirtualRoutes[0].Route;
        Assert.Equal((IPAddress.Parse("203.0.113.0"), 25, IPAddress.Parse("192.0.2.254"), "eth0"), (r0.Destination, r0.DestinationPrefixLength, r0.Via, r0.Device));
        var r1 = s.VirtualRoutes[1].Route;
        Assert.Equal((IPAddress.Parse("203.0.113.100"), 200u, true), (r1.PreferredSource, r1.Table, r1.NoTrack));
        var rule = Assert.Single(s.VirtualRules).Rule;
        Assert.Equal((IPAddress.Parse("203.0.113.100"), 200u, 200u), (rule.From, rule.Table, rule.Preference));
        var set = VrrpAddressSet.For(s);
        Assert.Equal(s.VirtualRoutes, set.VirtualRoutes);
        Assert.Equal(s.VirtualRules, set.VirtualRules);
    }

    [Fact]
    public void StaticEntries_AreInThePlan_WithDefaultInterface()
    {
        var plan = Plan("""
            global_defs {
                default_interface eth1
            }
            static_ipaddress {
                198.51.100.10/32
                198.51.100.11/32 dev eth0
            }
            static_routes {
                198.51.100.128/25 via 192.0.2.254 dev eth0
            }
            static_rules {
                from 198.51.100.10 table 100 priority 100
            }
            """);
        Assert.Empty(plan.Instances);
        Assert.Empty(plan.Unsupported);
        Assert.Equal(["eth1", "eth0"], plan.StaticAddresses.Select(a => a.Device));
        Assert.Equal([IPAddress.Parse("198.51.100.10"), IPAddress.Parse("198.51.100.11")], plan.StaticAddresses.Select(a => a.Address));
        Assert.Equal(IPAddress.Parse("198.51.100.128"), Assert.Single(plan.StaticRoutes).Route.Destination);
        Assert.Equal(100u, Assert.Single(plan.StaticRules).Rule.Preference);
    }

    [Fact]
    public void StrictMode_Restrictions_ReachTheSettings()
    {
        var r = ConfigTestHelper.Load("global_defs {\nvrrp_strict\n}\n" + ConfigTestHelper.Instance(body: """
            preempt_delay 10
            accept
            authentication {
                auth_type PASS
                auth_pass secret
            }
            unicast_peer {
                192.0.2.2
            }
            """));
        Assert.NotNull(r.Config);
        var report = r.Report();
        Assert.Contains("(VI_1) Strict mode does not support authentication. Ignoring.", report, StringComparison.Ordinal);
        Assert.Contains("(VI_1) Unicast peers are not supported in strict mode", report, StringComparison.Ordinal);
        Assert.Contains("(VI_1) preempt_delay is incompatible with strict mode - resetting", report, StringComparison.Ordinal);
        Assert.Contains("(VI_1) Strict mode does not support accept mode for VRRPv2 - clearing", report, StringComparison.Ordinal);
        var s = Assert.Single(VrrpSettingsMapper.Map(r.Config!).Instances);
        Assert.Equal((Vigil.Vrrp.Packet.VrrpAuthType.None, false, TimeSpan.Zero, true, false), (s.AuthType, s.IsUnicast, s.PreemptDelay, s.LowerPrioNoAdvert, s.Accept));
    }
}
