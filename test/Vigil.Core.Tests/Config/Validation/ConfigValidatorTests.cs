using Vigil.Config.Model;
using Vigil.Config.Tests;
using static Vigil.Config.Tests.ConfigTestHelper;

namespace Vigil.Config.Validation.Tests;

/// <summary>keepalived 2.2.7's cross-checks and repairs, with its wording and exit status classes.</summary>
public class ConfigValidatorTests
{
    private static void HasError(ConfigLoadResult r, string message) =>
        Assert.True(r.Diagnostics.Any(d => d.Message == message && d.Severity >= DiagnosticSeverity.Error), $"expected '{message}' in:\n{r.Report()}");

    [Fact]
    public void Validate_MasterWithNopreempt_ClearsNopreempt()
    {
        var r = Load(Instance(body: "state MASTER\nnopreempt"));
        HasError(r, "(VI_1) nopreempt is incompatible with priority 255. resetting nopreempt");
        Assert.False(r.Config!.VrrpInstances[0].NoPreempt);
        Assert.Equal(ConfigTestStatus.Errors, r.Status);
    }

    [Fact]
    public void Validate_MasterBelow255WithNopreempt_ClearsItWithKeepalivedsWarning()
    {
        var r = Load(Instance(body: "state MASTER\npriority 150\nnopreempt"));
        HasError(r, "(VI_1) Warning - nopreempt will not work with initial state MASTER - clearing");
        Assert.False(r.Config!.VrrpInstances[0].NoPreempt);
    }

    [Fact]
    public void Validate_AhWithStateMaster_ClearsMaster()
    {
        var r = Load(Instance(body: "state MASTER\npriority 200\nauthentication {\n auth_type AH\n auth_pass secret\n}"));
        HasError(r, "(VI_1) Initial state master is incompatible with AH authentication - clearing");
        Assert.Equal(VrrpInitialState.Backup, r.Config!.VrrpInstances[0].InitialState);
    }

    [Fact]
    public void Validate_Version3WithPass_DropsAuthentication()
    {
        var r = Load(Instance(body: "version 3\nauthentication {\n auth_type PASS\n auth_pass secretsecret\n}"));
        HasError(r, "(VI_1) VRRP version 3 does not support authentication. Ignoring.");
        HasError(r, "Truncating auth_pass to 8 characters");
        Assert.Null(r.Config!.VrrpInstances[0].Authentication);
    }

    [Fact]
    public void Validate_PassAuthentication_IsKeptForVersion2()
    {
        var r = Load(Instance(body: "authentication {\n auth_type PASS\n auth_pass abc\n}"));
        Assert.Equal(ConfigTestStatus.Clean, r.Status);
        Assert.Equal(new VrrpAuthenticationConfig(VrrpAuthType.Pass, "abc"), r.Config!.VrrpInstances[0].Authentication);
    }

    [Fact]
    public void Validate_StrictModeRules_AreEnforced()
    {
        var r = Load("global_defs {\n vrrp_strict\n}\n" + Instance(body: "state MASTER\npriority 100\nunicast_peer {\n 192.0.2.2\n}"));
        HasError(r, "(VI_1) State MASTER must match being address owner");
        HasError(r, "(VI_1) Unicast peers are not supported in strict mode");
        var v = r.Config!.VrrpInstances[0];
        Assert.Equal(VrrpInitialState.Backup, v.InitialState);
        Assert.False(v.IsUnicast);
    }

    [Fact]
    public void Validate_VipOfOtherFamily_IsDroppedWithAHint()
    {
        var r = Load("vrrp_instance VI_1 {\n interface eth0\n virtual_router_id 5\n virtual_ipaddress {\n 192.0.2.1\n 2001:db8::1\n }\n}\n");
        var d = Assert.Single(r.Diagnostics);
        Assert.Contains("address family", d.Message, StringComparison.Ordinal);
        Assert.Equal(6, d.Location!.Value.Line);
        Assert.Single(r.Config!.VrrpInstances[0].VirtualIpAddresses);
    }

    [Fact]
    public void Validate_DuplicateVridOnOneInterface_IsReported()
    {
        var r = Load(Instance("A") + Instance("B"));
        HasError(r, "A and B both use VRID 51 with IPv4 on interface eth0");
    }

    [Fact]
    public void Validate_SameVridWithDifferentUnicastPeers_IsAllowed()
    {
        var r = Load(Instance("A", "unicast_peer {\n 192.0.2.2\n}") + Instance("B", "unicast_peer {\n 192.0.2.3\n}"));
        Assert.Equal(ConfigTestStatus.Clean, r.Status);
    }

    [Fact]
    public void Validate_MissingInterface_IsReportedWithKeepalivedsSummary()
    {
        var r = Load(Instance(body: "interface eth9"));
        HasError(r, "WARNING - interface eth9 for vrrp_instance VI_1 doesn't exist");
        HasError(r, "Non-existent interface specified in configuration");
        Assert.Equal(ConfigTestStatus.Errors, r.Status);
    }

    [Fact]
    public void Validate_MissingInterface_IsReportedAtThatInstancesInterfaceLine()
    {
        var r = Load(Instance("A", "interface eth8") + Instance("B", "virtual_router_id 52\ninterface eth9"));
        var lines = r.Diagnostics.Where(d => d.Message.StartsWith("WARNING - interface", StringComparison.Ordinal)).Select(d => d.Location!.Value.Line);
        Assert.Equal(new[] { 4, 12 }, lines.ToArray());
    }

    [Fact]
    public void Validate_VirtualServerAlphaWithAnyValue_IsAcceptedLikeKeepalived()
    {
        var r = Load("virtual_server 192.0.2.100 80 {\n protocol TCP\n lb_algo rr\n lb_kind NAT\n alpha 1\n omega yes\n real_server 192.0.2.1 80 {\n }\n}\n");
        Assert.Equal(ConfigTestStatus.Clean, r.Status);
        Assert.True(r.Config!.VirtualServers[0].Alpha);
    }

    [Fact]
    public void Validate_DynamicInterfaces_AllowMissingInterfaces()
    {
        var r = Load("global_defs {\n dynamic_interfaces\n}\n" + Instance(body: "interface eth9"));
        Assert.Equal(ConfigTestStatus.Clean, r.Status);
    }

    [Fact]
    public void Validate_UnknownTrackScriptAndSyncGroupMember_AreDropped()
    {
        var r = Load(Instance(body: "track_script {\n nothere\n}") + "vrrp_sync_group G {\n group {\n VI_1\n VI_9\n }\n}\n");
        HasError(r, "(VI_1) track script nothere not found, ignoring...");
        HasError(r, "Virtual router VI_9 specified in sync group G doesn't exist - ignoring");
        HasError(r, "Sync group G has only 1 virtual router(s) - this probably isn't what you want");
        Assert.Empty(r.Config!.VrrpInstances[0].TrackScripts);
        Assert.Equal("G", r.Config.VrrpInstances[0].SyncGroup);
    }

    [Fact]
    public void Validate_SyncGroupMembers_TrackWithWeightZero()
    {
        var r = Load(Instance("A", "track_interface {\n eth1 weight 10\n}") + Instance("B", "virtual_router_id 52") + "vrrp_sync_group G {\n group {\n A\n B\n }\n}\n");
        HasError(r, "(A) ignoring eth1 tracked interface weight due to SYNC group");
        Assert.Equal(0, r.Config!.VrrpInstances[0].TrackInterfaces[0].Weight);
    }

    [Fact]
    public void Validate_ScriptsRunAsRootWithoutScriptSecurity_AreASecurityViolation()
    {
        var r = Load(Instance(body: "notify_master /bin/true"));
        Assert.Equal(ConfigTestStatus.ScriptSecurity, r.Status);
        var d = Assert.Single(r.Diagnostics);
        Assert.Equal("SECURITY VIOLATION - scripts are being executed but script_security not enabled.", d.Message);
        Assert.Equal(0, r.Config!.VrrpInstances[0].Notify.Master!.RunAs!.Uid);
    }

    [Fact]
    public void Validate_ScriptUserNonRoot_IsNotAViolation()
    {
        var r = Load("global_defs {\n script_user nobody\n}\n" + Instance(body: "notify_master /bin/true"));
        Assert.Equal(ConfigTestStatus.Clean, r.Status);
        Assert.Equal(65534, r.Config!.VrrpInstances[0].Notify.Master!.RunAs!.Uid);
    }

    [Fact]
    public void Validate_UnknownScriptUser_IsKeepalivedsError()
    {
        var r = Load("global_defs {\n script_user ghost\n}\n" + Instance(body: "notify_master /bin/true"));
        HasError(r, "Error setting global script uid/gid");
        Assert.Null(r.Config!.VrrpInstances[0].Notify.Master);
    }

    [Fact]
    public void Validate_ScriptSecurityWithoutDefaultUser_RemovesScripts()
    {
        var r = Load("global_defs {\n enable_script_security\n}\nvrrp_script chk {\n script /bin/true\n}\n" + Instance(body: "track_script {\n chk\n}"));
        HasError(r, "Unable to set default user keepalived_script for script");
        HasError(r, "Unable to set default user for vrrp script chk - removing");
        Assert.Empty(r.Config!.VrrpScripts);
    }

    [Fact]
    public void Validate_ScriptWritableByNonRoot_IsDisabledUnderScriptSecurity()
    {
        var host = new FakeHostFacts();
        host.Users["keepalived_script"] = (0, 0);
        var r = Load("global_defs {\n enable_script_security\n}\n" + Instance(body: "notify_master /tmp/check.sh"), host);
        Assert.Contains(r.Diagnostics, d => d.Message.StartsWith("Unsafe permissions found for script", StringComparison.Ordinal) && d.Hint!.Contains("/tmp/check.sh", StringComparison.Ordinal));
        Assert.Null(r.Config!.VrrpInstances[0].Notify.Master);
    }

    [Fact]
    public void Validate_MissingTrackScriptProgram_DisablesTheScript()
    {
        var r = Load("global_defs {\n script_user nobody\n}\nvrrp_script chk {\n script /opt/nothere.sh\n}\n" + Instance(body: "track_script {\n chk\n}"));
        HasError(r, "Disabling track script chk since not found/accessible");
        HasError(r, "(VI_1) track script chk not found, ignoring...");
    }

    [Fact]
    public void Validate_NotifyScriptWithUnknownUser_IsAWarningLikeKeepalivedsSilence()
    {
        var r = Load(Instance(body: "notify_master /bin/true ghost"));
        Assert.Equal(ConfigTestStatus.Clean, r.Status);
        Assert.Equal(DiagnosticSeverity.Warning, Assert.Single(r.Diagnostics).Severity);
    }

    [Fact]
    public void Validate_AdvertIntervals_AreRoundedPerVersion()
    {
        var r = Load(Instance("A", "advert_int 1.5") + Instance("B", "virtual_router_id 52\nversion 3\nadvert_int 0.015") + Instance("C", "virtual_router_id 53\nversion 3\nadvert_int 50"));
        HasError(r, "(A) VRRPv2 advertisement interval 1.500000s must be an integer. rounding");
        HasError(r, "(B) VRRPv3 advertisement interval 0.015000s must be in units of 10ms - rounding");
        HasError(r, "(C) VRRPv3 advertisement interval 50.00s is out of range. Must be less than 40.96s. Setting to 40.95s");
        Assert.Equal(TimeSpan.FromSeconds(2), r.Config!.VrrpInstances[0].AdvertInterval);
        Assert.Equal(TimeSpan.FromMilliseconds(20), r.Config.VrrpInstances[1].AdvertInterval);
        Assert.Equal(TimeSpan.FromMilliseconds(40950), r.Config.VrrpInstances[2].AdvertInterval);
    }

    [Fact]
    public void Validate_OutOfRangeValues_UseKeepalivedsMessagesAndDefaults()
    {
        var r = Load(Instance(body: "priority 300\nvirtual_router_id 256\nstate master"));
        HasError(r, "(VI_1) Priority not valid! must be between 1 & 255. Using default 100");
        HasError(r, "(VI_1): VRID '256' not valid - must be between 1 & 255");
        HasError(r, "(VI_1) unknown state 'master', defaulting to BACKUP");
        var v = r.Config!.VrrpInstances[0];
        Assert.Equal(100, v.Priority);
        Assert.Equal(51, v.VirtualRouterId);
    }

    [Fact]
    public void Validate_InstanceWithoutVrid_IsDropped()
    {
        var r = Load("vrrp_instance X {\n interface eth0\n virtual_ipaddress {\n 192.0.2.1\n }\n}\n");
        HasError(r, "(X) the virtual router id must be set");
        Assert.Empty(r.Config!.VrrpInstances);
    }

    [Fact]
    public void Validate_UnicastKeywordWithoutPeers_IsKeepalivedsDeprecationError()
    {
        var r = Load(Instance(body: "unicast_src_ip 192.0.2.1"));
        HasError(r, "(VI_1) A unicast keyword has been specified without any unicast peers. Defaulting to multicast. This usage is deprecated - please update your configuration.");
    }

    [Fact]
    public void Validate_VirtualServerWithoutProtocolSchedulerOrMethod_ReportsEachLikeKeepalived()
    {
        var r = Load("virtual_server 192.0.2.100 80 {\n real_server 192.0.2.1 80 {\n }\n}\n");
        HasError(r, "Virtual server [192.0.2.100]:none:80: no protocol set - defaulting to UDP");
        HasError(r, "Virtual server [192.0.2.100]:udp:80: no scheduler set, setting default 'wlc'");
        HasError(r, "Virtual server [192.0.2.100]:udp:80: no forwarding method set, setting default NAT");
        var vs = r.Config!.VirtualServers[0];
        Assert.Equal(IpvsProtocol.Udp, vs.Protocol);
        Assert.Equal("wlc", vs.Scheduler);
        Assert.Equal(LvsMethod.Nat, vs.Forwarding.Method);
    }

    [Fact]
    public void Validate_DirectRoutingPortMismatchAndQuorum_AreRepaired()
    {
        var text = "virtual_server 192.0.2.100 80 {\n protocol TCP\n lb_algo rr\n lb_kind DR\n quorum 5\n real_server 192.0.2.1 8080 {\n weight 2\n }\n}\n";
        var r = Load(text);
        HasError(r, "WARNING - virtual server [192.0.2.100]:tcp:80 and real server [192.0.2.1]:tcp:8080 ports don't match - resetting");
        HasError(r, "Warning - quorum 5 for [192.0.2.100]:tcp:80 exceeds total weight of real servers 2, reducing quorum to 2");
        var vs = r.Config!.VirtualServers[0];
        Assert.Equal(80, vs.RealServers[0].Port);
        Assert.Equal(2, vs.Quorum);
    }

    [Fact]
    public void Validate_HttpGetWithoutUrl_IsDropped()
    {
        var r = Load("virtual_server 192.0.2.100 80 {\n protocol TCP\n lb_algo rr\n lb_kind NAT\n real_server 192.0.2.1 80 {\n HTTP_GET {\n }\n }\n}\n");
        HasError(r, "HTTP/SSL_GET checker has no urls specified - ignoring.");
        Assert.Empty(r.Config!.VirtualServers[0].RealServers[0].Checkers);
    }

    [Fact]
    public void Validate_UnresolvableSmtpServer_IsKeepalivedsError()
    {
        var r = Load("global_defs {\n smtp_server mail.invalid 25\n}\n");
        HasError(r, "Invalid smtp server mail.invalid 25");
    }

    [Fact]
    public void Validate_CheckerScriptAsRoot_IsACheckScriptViolation()
    {
        var r = Load("virtual_server 192.0.2.100 80 {\n protocol TCP\n lb_algo rr\n lb_kind NAT\n real_server 192.0.2.1 80 {\n MISC_CHECK {\n misc_path /bin/true\n }\n }\n}\n");
        Assert.Equal(ConfigTestStatus.ScriptSecurity, r.Status);
        Assert.Equal("SECURITY VIOLATION - check scripts are being executed but script_security not enabled.", Assert.Single(r.Diagnostics).Message);
    }

    [Fact]
    public void Validate_MissingCheckedInclude_HasTheMissingFileStatus()
    {
        var r = Load("includea /etc/keepalived/none.conf\n");
        Assert.Equal(ConfigTestStatus.ScriptSecurity, r.Status);
    }

    [Fact]
    public void Load_MissingMainFile_IsFatal()
    {
        var r = ConfigLoader.Load("/nowhere.conf", new ConfigLoadOptions(), new InMemoryConfigFileSystem(), new FakeHostFacts());
        Assert.Null(r.Config);
        Assert.Equal(ConfigTestStatus.Fatal, r.Status);
    }

    [Fact]
    public void Load_DiagnosticsAreInFileOrderOnceEach()
    {
        var fs = new InMemoryConfigFileSystem().Add("/etc/keepalived/inc.conf", "bogus_two\n");
        var r = Load("bogus_one\ninclude inc.conf\nbogus_three\n" + Instance(body: "interface eth9"), fs: fs);
        var located = r.Diagnostics.Where(d => d.Location is not null).Select(d => (d.Location!.Value.File, d.Location.Value.Line)).ToList();
        Assert.Equal(located.OrderBy(l => l.File == "inc.conf" ? 1 : 0).ThenBy(l => l.Line), located);
        Assert.Equal("Non-existent interface specified in configuration", r.Diagnostics[^1].Message);
        Assert.Equal(r.Diagnostics.Count, r.Diagnostics.Distinct().Count());
    }

    [Fact]
    public void Load_ConfigId_DefaultsToTheShortHostName()
    {
        var r = Load("@lb1 bogus_a\n@lb2 bogus_b\n");
        Assert.Equal("Unknown keyword 'bogus_a'", Assert.Single(r.Diagnostics).Message);
        r = Load("@lb1 bogus_a\n@lb2 bogus_b\n", options: new ConfigLoadOptions { ConfigId = "lb2" });
        Assert.Equal("Unknown keyword 'bogus_b'", Assert.Single(r.Diagnostics).Message);
    }
}
