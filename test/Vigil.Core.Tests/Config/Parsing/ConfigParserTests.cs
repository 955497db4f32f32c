using Vigil.Config.Tests;
using static Vigil.Config.Tests.ConfigTestHelper;

namespace Vigil.Config.Parsing.Tests;

public class ConfigParserTests
{
    private const string Global = "global_defs {\n  enable_script_security\n}\n";

    [Fact]
    public void Load_MisspeltKeyword_SuggestsTheClosestOneAndSkipsItsBlock()
    {
        var r = Load("vrrp_instanse VI_1 {\n  state MASTER\n  interface eth0\n}\n");
        var d = Assert.Single(r.Diagnostics);
        Assert.Equal("Unknown keyword 'vrrp_instanse'", d.Message);
        Assert.Equal("did you mean 'vrrp_instance'?; its block is skipped", d.Hint);
        Assert.Equal(new SourceLocation(MainFile, 1, 1), d.Location);
        Assert.Equal(ConfigTestStatus.Errors, r.Status);
    }

    [Fact]
    public void Load_KeywordOfAnotherBlock_SaysWhereItBelongs()
    {
        var r = Load(Instance(body: "lvs_sched rr"));
        var d = Assert.Single(r.Diagnostics, x => x.Message == "Unknown keyword 'lvs_sched'");
        Assert.Equal("'lvs_sched' belongs in virtual_server, not in vrrp_instance", d.Hint);
    }

    [Fact]
    public void Load_UnknownKeyword_ReportsFileLineAndColumn()
    {
        var r = Load("global_defs {\n    router_id x\n      bogus_keyword 1\n}\n");
        var d = Assert.Single(r.Diagnostics);
        Assert.Equal(new SourceLocation(MainFile, 3, 7), d.Location);
        Assert.Equal($"({MainFile}: Line 3) Unknown keyword 'bogus_keyword'", d.Format());
    }

    [Fact]
    public void Load_UpperCaseKeyword_SuggestsTheLowerCaseOne()
    {
        var r = Load(Instance(body: "Priority 100"));
        Assert.Contains(r.Diagnostics, d => d.Message == "Unknown keyword 'Priority'" && d.Hint == "did you mean 'priority'?");
    }

    [Fact]
    public void Load_StrayBraces_UseKeepalivedsMessages()
    {
        var r = Load("}\n{\nglobal_defs {\n router_id a\n");
        Assert.Equal(
            ["Extra '}' found", "Unexpected '{' - ignoring", "There are 1 missing '}'s or extra '{'s"],
            r.Diagnostics.Select(d => d.Message));
    }

    [Fact]
    public void Load_BlockWithoutOpeningBrace_IsReported()
    {
        var r = Load("global_defs\nrouter_id a\n}\n");
        Assert.Contains(r.Diagnostics, d => d.Message == "Missing '{' at beginning of configuration block" && d.Location!.Value.Line == 2);
    }

    [Fact]
    public void Load_ListBlockWithExtraParameters_IsReported()
    {
        var r = Load("global_defs {\n notification_email x {\n a@b.c\n }\n}\n");
        Assert.Contains(r.Diagnostics, d => d.Message == "Block notification_email has extra parameters x ...");
        Assert.Equal(new[] { "a@b.c" }, r.Config!.Global.NotificationEmails.ToArray());
    }

    [Fact]
    public void Load_KeywordMissingItsValue_IsAnErrorNotACrash()
    {
        var r = Load(Instance(body: "priority"));
        Assert.Contains(r.Diagnostics, d => d.Message.Contains("missing a parameter after keyword `priority`", StringComparison.Ordinal));
        Assert.Equal(100, r.Config!.VrrpInstances[0].Priority);
    }

    [Fact]
    public void Load_BlockNameMissing_SkipsTheBlock()
    {
        var r = Load("vrrp_script {\n script /bin/true\n}\n" + Global);
        Assert.Empty(r.Config!.VrrpScripts);
        Assert.Contains(r.Diagnostics, d => d.Message.Contains("missing a parameter", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_OneLineBlocks_AreEquivalentToMultiLineOnes()
    {
        var a = Load("global_defs { router_id a\n vrrp_version 3 }\n").Config!;
        var b = Load("global_defs\n{\n router_id a\n vrrp_version 3\n}\n").Config!;
        Assert.Equal(a.Global.RouterId, b.Global.RouterId);
        Assert.Equal(3, a.Global.Vrrp.Version);
        Assert.Equal(3, b.Global.Vrrp.Version);
    }

    [Theory]
    [InlineData("vrrp_strict", "vrrp_stricts")]
    [InlineData("virtual_router_id", "virtual_routr_id")]
    [InlineData("garp_master_delay", "garp_mastr_dealy")]
    public void Suggest_CloseTypos_FindTheKeyword(string keyword, string typo) =>
        Assert.Equal(keyword, DidYouMean.Suggest(typo, [keyword, "interface", "priority", "vrrp_script"]));

    [Fact]
    public void Suggest_UnrelatedWord_SuggestsNothing() =>
        Assert.Null(DidYouMean.Suggest("banana", ["interface", "priority"]));
}
