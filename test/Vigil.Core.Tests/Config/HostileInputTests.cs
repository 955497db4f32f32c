using FsCheck;
using FsCheck.Fluent;

namespace Vigil.Config.Tests;

/// <summary>Whatever the input, loading never throws and always returns a status (property-based).</summary>
public class HostileInputTests
{
    private static readonly string[] s_vocabulary =
    [
        "global_defs", "vrrp_instance", "virtual_server", "real_server", "vrrp_script", "vrrp_sync_group", "group",
        "virtual_ipaddress", "virtual_routes", "virtual_rules", "unicast_peer", "track_script", "track_interface",
        "HTTP_GET", "TCP_CHECK", "MISC_CHECK", "url", "path", "authentication", "auth_type", "PASS", "AH",
        "interface", "eth0", "eth9", "state", "MASTER", "BACKUP", "priority", "virtual_router_id", "advert_int",
        "notify", "script", "/bin/true", "weight", "-20", "255", "0", "1.5", "99999999999999999999", "192.0.2.1/24",
        "2001:db8::1", "fe80::1", "dev", "brd", "+", "via", "table", "from", "to", "protocol", "TCP", "lb_kind", "DR",
        "include", "includea", "*.conf", "{", "}", "\"", "'", "\\", "#", "!", "$X=", "$X", "${X}", "${_RANDOM 1 9}",
        "@lb1", "@^lb1", "~SEQ(i,1,3)", "~LST(v,a,b)", "$i", "\n", "\n", "\n", " ", "\t", "\0", "\r\n", "\uFFFD",
    ];

    [Fact]
    public void Load_RandomTokenSoup_NeverThrows()
    {
        var gen = Gen.Elements(s_vocabulary).ListOf().Select(parts => string.Join(' ', parts));
        Prop.ForAll(Arb.From(gen), text =>
        {
            var r = ConfigTestHelper.Load(text);
            return r.Config is not null && Enum.IsDefined(r.Status);
        }).Check(FsCheck.Config.QuickThrowOnFailure.WithMaxTest(400).WithEndSize(300));
    }

    [Fact]
    public void Load_RandomBytes_NeverThrows()
    {
        Prop.ForAll<byte[]>(bytes =>
        {
            var fs = new InMemoryConfigFileSystem().Add(ConfigTestHelper.MainFile, bytes);
            var r = ConfigLoader.Load(ConfigTestHelper.MainFile, new ConfigLoadOptions(), fs, new FakeHostFacts());
            return Enum.IsDefined(r.Status);
        }).QuickCheckThrowOnFailure();
    }

    [Theory]
    [InlineData("vrrp_instance X {\n")]
    [InlineData("vrrp_instance X {\n virtual_ipaddress {\n 1.2.3.4\n")]
    [InlineData("\"unterminated quote {\n")]
    [InlineData("}}}}}}}}\n{{{{{{{{{\n")]
    [InlineData("$A=${B}\n$B=${A}\n${A}\n")]
    [InlineData("~SEQ(i,1,3\n~LST(\n~SEQx(i,-5,1) x\n")]
    public void Load_MalformedStructure_IsDiagnosedNotThrown(string text)
    {
        var r = ConfigTestHelper.Load(text);
        Assert.NotEqual(ConfigTestStatus.Clean, r.Status);
    }
}
