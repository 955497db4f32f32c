using System.Text;
using Vigil.Config.Tests;

namespace Vigil.Config.Preprocessing.Tests;

public class PreprocessorTests
{
    private const string Main = "/etc/keepalived/keepalived.conf";

    private static (List<ConfigLine> Lines, DiagnosticBag Diagnostics) Run(
        string text, InMemoryConfigFileSystem? fs = null, string configId = "lb1", bool allConfig = false, Dictionary<string, string>? env = null)
    {
        fs ??= new InMemoryConfigFileSystem();
        fs.Add(Main, text);
        var diags = new DiagnosticBag();
        var pre = new Preprocessor(fs, diags, new PreprocessorOptions(configId, allConfig, n => env?.GetValueOrDefault(n), RandomSeed: 7));
        return (pre.Run(Main)?.ToList() ?? [], diags);
    }

    private static List<string> Texts(string text, InMemoryConfigFileSystem? fs = null, string configId = "lb1") =>
        Run(text, fs, configId).Lines.Select(l => l.ToString()).ToList();

    [Fact]
    public void Run_HashAndBangStartComments_OutsideQuotesOnly()
    {
        var lines = Texts("router_id a # comment\nrouter_id b ! other\nscript \"echo # not a comment\"\n! whole line\n");
        Assert.Equal(["router_id a", "router_id b", "script echo # not a comment"], lines);
    }

    [Fact]
    public void Run_EscapedHashAndBang_AreKeptLiterally()
    {
        Assert.Equal(["password ab#cd!e"], Texts("password ab\\#cd\\!e\n"));
    }

    [Fact]
    public void Run_QuotesMidWord_JoinIntoOneToken()
    {
        var (lines, _) = Run("kw abcd\" efg h jkl \"mnop x\n");
        Assert.Equal(["kw", "abcd efg h jkl mnop", "x"], lines[0].Tokens.Select(t => t.Text));
        Assert.True(lines[0].Tokens[1].Quoted);
    }

    [Fact]
    public void Run_BracesAnywhere_AreSplitIntoOwnLines()
    {
        Assert.Equal(["vrrp_instance VI_1", "{", "state MASTER", "}", "x"], Texts("vrrp_instance VI_1{state MASTER}x\n"));
        Assert.Equal(["a", "{", "b", "}"], Texts("a\n{\nb\n}\n"));
    }

    [Fact]
    public void Run_BracesInsideQuotes_AreNotSplit()
    {
        Assert.Equal(["script a{b}c"], Texts("script \"a{b}c\"\n"));
    }

    [Fact]
    public void Run_EveryLine_KeepsFileLineAndColumn()
    {
        var (lines, _) = Run("\n\n   router_id   lb1\n");
        var l = Assert.Single(lines);
        Assert.Equal(new SourceLocation("/etc/keepalived/keepalived.conf", 3), l.Location);
        Assert.Equal(4, l.Tokens[0].Column);
        Assert.Equal(16, l.Tokens[1].Column);
        Assert.Equal(new SourceLocation("/etc/keepalived/keepalived.conf", 3, 16), l.LocationOf(1));
    }

    [Fact]
    public void Run_CrLfLineEndings_AreStripped()
    {
        Assert.Equal(["a b", "c"], Texts("a b\r\nc\r\n"));
    }

    [Fact]
    public void Run_UnterminatedQuote_IsReportedAndKeepsTheRest()
    {
        var (lines, d) = Run("kw \"abc def\n");
        Assert.Equal("abc def", lines[0].Tokens[1].Text);
        Assert.Contains(d.Items, x => x.Message.StartsWith("Unmatched quote", StringComparison.Ordinal));
    }

    [Fact]
    public void Run_LineLongerThanKeepalivedsBuffer_IsAnErrorAndIgnored()
    {
        var (lines, d) = Run(new string('x', 1100) + "\nok\n");
        Assert.Equal(["ok"], lines.Select(l => l.ToString()));
        var diag = Assert.Single(d.Items);
        Assert.Equal(DiagnosticSeverity.Error, diag.Severity);
        Assert.Equal(1, diag.Location!.Value.Line);
    }

    [Fact]
    public void Run_NulCharacter_EndsTheLine()
    {
        var (lines, d) = Run("router_id a\0garbage\n");
        Assert.Equal("router_id a", lines[0].ToString());
        Assert.Equal(DiagnosticSeverity.Warning, Assert.Single(d.Items).Severity);
    }

    [Fact]
    public void Run_IncludeRelativeToIncludingFile_WithGlobSortedAndDisplayNames()
    {
        var fs = new InMemoryConfigFileSystem()
            .Add("/etc/keepalived/conf.d/b.conf", "b\n")
            .Add("/etc/keepalived/conf.d/a.conf", "a\ninclude ../sub/x.conf\n")
            .Add("/etc/keepalived/conf.d/.hidden.conf", "hidden\n")
            .Add("/etc/keepalived/sub/x.conf", "x\n");
        var (lines, d) = Run("first\ninclude conf.d/*.conf\nlast\n", fs);
        Assert.Equal(["first", "a", "x", "b", "last"], lines.Select(l => l.ToString()));
        Assert.Equal("conf.d/a.conf", lines[1].Location.File);
        Assert.Equal("../sub/x.conf", lines[2].Location.File);
        Assert.Empty(d.Items);
    }

    [Fact]
    public void Run_IncludeBraceExpansion_KeepsAlternativeOrder()
    {
        var fs = new InMemoryConfigFileSystem().Add("/etc/keepalived/z.conf", "z\n").Add("/etc/keepalived/a.conf", "a\n");
        Assert.Equal(["z", "a"], Texts("include {z,a}.conf\n", fs));
    }

    [Fact]
    public void Run_IncludeFileNameUsesPwdParameter()
    {
        var fs = new InMemoryConfigFileSystem().Add("/etc/keepalived/p.conf", "p\n");
        Assert.Equal(["p"], Texts("include ${_PWD}/p.conf\n", fs));
    }

    [Fact]
    public void Run_PlainIncludeOfMissingFile_IsOnlyAWarning()
    {
        var (_, d) = Run("include missing.conf\n");
        var diag = Assert.Single(d.Items);
        Assert.Equal(DiagnosticSeverity.Warning, diag.Severity);
        Assert.Equal("Config files missing 'missing.conf'.", diag.Message);
    }

    [Theory]
    [InlineData("includea missing.conf\n", false)]
    [InlineData("includem missing.conf\n", false)]
    [InlineData("includew missing*.conf\n", false)]
    [InlineData("include missing.conf\n", true)]
    [InlineData("global_defs {\ninclude_check\n}\ninclude missing.conf\n", false)]
    public void Run_CheckedIncludeOfMissingFile_IsAMissingFileError(string text, bool allConfig)
    {
        var fs = new InMemoryConfigFileSystem().Add(Main, text);
        var diags = new DiagnosticBag();
        _ = new Preprocessor(fs, diags, new PreprocessorOptions("x", allConfig, _ => null)).Run(Main)?.ToList();
        Assert.Contains(diags.Items, x => x.Severity == DiagnosticSeverity.MissingFile);
    }

    [Fact]
    public void Run_IncludemWithWildcardMatchingNothing_IsOnlyAWarning()
    {
        var (_, d) = Run("includem nothing/*.conf\n");
        Assert.Equal(DiagnosticSeverity.Warning, Assert.Single(d.Items).Severity);
    }

    [Fact]
    public void Run_IncludeCycle_IsReportedNotFollowed()
    {
        var fs = new InMemoryConfigFileSystem().Add("/etc/keepalived/a.conf", "a\ninclude keepalived.conf\n");
        var (lines, d) = Run("top\ninclude a.conf\n", fs);
        Assert.Equal(["top", "a"], lines.Select(l => l.ToString()));
        Assert.Contains(d.Items, x => x.Message.Contains("includes itself", StringComparison.Ordinal));
    }

    [Fact]
    public void Run_DeepIncludeChain_StopsAtTheLimit()
    {
        var fs = new InMemoryConfigFileSystem();
        for (var i = 0; i < 100; i++)
        {
            fs.Add($"/etc/keepalived/f{i}.conf", $"l{i}\ninclude f{i + 1}.conf\n");
        }

        var (lines, d) = Run("include f0.conf\n", fs);
        Assert.Equal(Preprocessor.MaxIncludeDepth - 1, lines.Count);
        Assert.Contains(d.Items, x => x.Message.Contains("nested more than", StringComparison.Ordinal));
    }

    [Fact]
    public void Run_ParameterUse_SubstitutesWithAndWithoutBraces()
    {
        Assert.Equal(["a hello", "bhelloc", "$Xy"], Texts("$X=hello\na $X\nb${X}c\n$Xy\n"));
    }

    [Fact]
    public void Run_ParameterFollowedByCommaOrParenthesis_IsSubstitutedButNotByOtherCharacters()
    {
        Assert.Equal(["hello,x", "hello)x", "$X.x", "$X/24"], Texts("$X=hello\n$X,x\n$X)x\n$X.x\n$X/24\n"));
    }

    [Fact]
    public void Run_Parameters_AreLazyAndRecursive()
    {
        // keepalived.conf(5) "Parameter substitution" example.
        var lines = Texts("$ADDRESS_BASE=10.2.${ADDRESS_BASE_SUB}\n$ADDRESS_BASE_SUB=0\n${ADDRESS_BASE}.100/32\n$ADDRESS_BASE_SUB=10\n${ADDRESS_BASE}.100/32\n");
        Assert.Equal(["10.2.0.100/32", "10.2.10.100/32"], lines);
    }

    [Fact]
    public void Run_UndefinedParameter_IsLeftVerbatim()
    {
        Assert.Equal(["notify /bin/x $1 $HOME"], Texts("notify /bin/x $1 $HOME\n"));
    }

    [Fact]
    public void Run_MultiLineParameter_ExpandsToSeveralLinesAtTheUseLine()
    {
        var (lines, _) = Run("$BLOCK= \\\nvrrp_script s { \\\n# comment \\\n# comment\n  script /bin/true \\\n}\nx\n$BLOCK\n");
        Assert.Equal(["x", "vrrp_script s", "{", "script /bin/true", "}"], lines.Select(l => l.ToString()));
        Assert.All(lines.Skip(1), l => Assert.Equal(8, l.Location.Line));
    }

    [Fact]
    public void Run_BlankLine_EndsAMultiLineParameterLikeKeepalived()
    {
        Assert.Equal(["foo2", "foo3", "foo1"], Texts("$A= \\\nfoo1 \\\n\nfoo2\nfoo3\n$A\n"));
    }

    [Fact]
    public void Run_MultiLineParameterWithDefinitionsInside_EvaluatesThemInOrder()
    {
        var text = "$RS= \\\nreal_server 10.0.0.${N} 80\n$VS= \\\n$N=1 \\\n$RS \\\n$N=2 \\\n$RS\n$VS\n";
        Assert.Equal(["real_server 10.0.0.1 80", "real_server 10.0.0.2 80"], Texts(text));
    }

    [Theory]
    [InlineData("$X=$X\n$X\n")]
    [InlineData("$X=${X}a\n${X}\n")]
    [InlineData("$A=$B\n$B=$A\n$A\n")]
    public void Run_SelfReferencingParameter_IsBoundedAndReported(string text)
    {
        var (lines, d) = Run(text);
        Assert.Empty(lines);
        Assert.Contains(d.Items, x => x.Severity == DiagnosticSeverity.Error);
    }

    [Fact]
    public void Run_PredefinedParameters_HaveTheirValues()
    {
        var env = new Dictionary<string, string> { ["HOME"] = "/root" };
        var (lines, _) = Run("a ${_PWD} ${_INSTANCE} ${_ENV HOME} ${_HASH} ${_BANG}\n", configId: "lb1", env: env);
        Assert.Equal("a /etc/keepalived lb1 /root # !", lines[0].ToString());
    }

    [Fact]
    public void Run_RandomParameter_StaysWithinItsRange()
    {
        var (lines, _) = Run("~SEQ(i,1,50) ${_RANDOM 5 9}\n");
        Assert.All(lines, l => Assert.InRange(int.Parse(l.Keyword, System.Globalization.CultureInfo.InvariantCulture), 5, 9));
    }

    [Fact]
    public void Run_ConditionalLines_MatchTheConfigId()
    {
        var text = "@lb1 a\n@lb2 b\n@^lb1 c\n@^lb2 d\n$IF_MAIN=@lb1\n$IF_MAIN e\n";
        Assert.Equal(["a", "d", "e"], Texts(text, configId: "lb1"));
        Assert.Equal(["b", "c"], Texts(text, configId: "lb2"));
    }

    [Fact]
    public void Run_SeqGenerators_IterateLikeKeepalived()
    {
        Assert.Equal(["k1", "k2", "k3"], Texts("~SEQ(i,3) k$i\n"));
        Assert.Equal(["k5", "k3", "k1"], Texts("~SEQ(i,5,-2,1) k$i\n"));
        Assert.Equal(["fe80::90", "fe80::a0"], Texts("~SEQx(x,0x90,0x10,0xa0) fe80::${x}\n"));
        Assert.Equal(["a1b3", "a1b4", "a2b3", "a2b4"], Texts("~SEQ(i,1,2) ~SEQ(j,3,4) a${i}b${j}\n"));
    }

    [Fact]
    public void Run_ListGenerators_IterateValuesAndTuples()
    {
        Assert.Equal(["k-a", "k-b"], Texts("~LST(v,a,b) k-$v\n"));
        Assert.Equal(["192.168.10.1", "192.168.20.4"], Texts("~LST({IP, IP1}, {10,1},{20,4}) 192.168.${IP}.${IP1}\n"));
    }

    [Fact]
    public void Run_GeneratorArgumentsUseParameters()
    {
        Assert.Equal(["r3", "r4"], Texts("$S=3\n$E=4\n~SEQ(n,$S,$E) r$n\n"));
    }

    [Fact]
    public void Run_HugeGenerator_IsBoundedAndReported()
    {
        var fs = new InMemoryConfigFileSystem().Add(Main, "~SEQ(a,1,1000) ~SEQ(b,1,1000) x\n~SEQ(c,1,100000000) y\n");
        var d = new DiagnosticBag();
        var lines = new Preprocessor(fs, d, new PreprocessorOptions("x", false, _ => null, MaxOutputLines: 50_000)).Run(Main)!.ToList();
        Assert.Equal(50_000, lines.Count);
        Assert.Contains(d.Items, x => x.Message.Contains("expands to more than 50000 lines", StringComparison.Ordinal));
    }

    [Fact]
    public void Run_MissingMainFile_IsFatal()
    {
        var d = new DiagnosticBag();
        var r = new Preprocessor(new InMemoryConfigFileSystem(), d, new PreprocessorOptions("x", false, _ => null)).Run("/nope.conf");
        Assert.Null(r);
        Assert.Equal(DiagnosticSeverity.Fatal, Assert.Single(d.Items).Severity);
    }

    [Fact]
    public void Run_BinaryGarbage_NeverThrows()
    {
        var bytes = new byte[64 * 1024];
        new Random(3).NextBytes(bytes);
        var fs = new InMemoryConfigFileSystem().Add(Main, bytes);
        var d = new DiagnosticBag();
        var lines = new Preprocessor(fs, d, new PreprocessorOptions("x", false, _ => null)).Run(Main)?.ToList();
        Assert.NotNull(lines);
    }

    [Fact]
    public void Run_InvalidUtf8_IsReplacedNotThrown()
    {
        var fs = new InMemoryConfigFileSystem().Add(Main, [(byte)'a', 0xff, 0xfe, (byte)'\n']);
        var d = new DiagnosticBag();
        var lines = new Preprocessor(fs, d, new PreprocessorOptions("x", false, _ => null)).Run(Main)!.ToList();
        Assert.Equal("a\uFFFD\uFFFD", lines[0].ToString());
    }

    [Fact]
    public void Run_TenMegabyteFile_FinishesQuickly()
    {
        var sb = new StringBuilder();
        while (sb.Length < 10 * 1024 * 1024)
        {
            sb.Append("    192.0.2.1/32 dev eth0 label eth0:1 # a comment here\n");
        }

        var sw = System.Diagnostics.Stopwatch.StartNew();
        var (lines, _) = Run(sb.ToString());
        Assert.True(lines.Count > 100_000);
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(30), $"took {sw.Elapsed}");
    }
}
