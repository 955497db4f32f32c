using Vigil.Linux.Scripts;

namespace Vigil.Linux.Scripts.Tests;

public class ScriptCommandLineTests
{
    // Each row: a script string as it reaches the splitter, and the argv keepalived 2.2.7 produced for it
    // (observed with vrrp_script, dumping argv with od; docs/checkers.md).
    public static TheoryData<string, string[]> Observed => new()
    {
        { "/x/args.sh s1 a 'b c' d e", ["/x/args.sh", "s1", "a", "b c", "d", "e"] },
        { "/x/d.sh t1 a\\ b", ["/x/d.sh", "t1", "a", "b"] },
        { "/x/d.sh t2 'a\\ b'", ["/x/d.sh", "t2", "a b"] },
        { "/x/d.sh t3 \\x41\\x20B", ["/x/d.sh", "t3", "A"] },
        { "/x/d.sh t4 \\101Z", ["/x/d.sh", "t4", "AZ"] },
        { "/x/d.sh t5 \\cAZ", ["/x/d.sh", "t5", "\u0001Z"] },
        { "/x/d.sh t6 \\qZ", ["/x/d.sh", "t6", "qZ"] },
        { "/x/d.sh t7 '\\x41'", ["/x/d.sh", "t7", "A"] },
        { "/x/d.sh t8 a\\b", ["/x/d.sh", "t8", "a\b"] },
        { "/x/d.sh t9 a\\\\b", ["/x/d.sh", "t9", "a\\b"] },
        { "/x/d.sh t10 a\tb", ["/x/d.sh", "t10", "a", "b"] },
        { "/x/d.sh t11 \\'x y\\'", ["/x/d.sh", "t11", "x y"] },
        { "/x/d.sh t12 x'y'\\''z'", ["/x/d.sh", "t12", "xyz"] },
        { "/x/d.sh t13 \\eZ \\EZ \\aZ \\fZ \\rZ \\vZ", ["/x/d.sh", "t13", "eZ", "\u001bZ", "\aZ", "Z", "Z", "Z"] },
        { "/x/d.sh t14 a\\nb c\\tdZ", ["/x/d.sh", "t14", "a", "b", "c", "dZ"] },
        { "/x/d.sh t15 \\0Z \\1Z \\x4Z", ["/x/d.sh", "t15"] },
        { "/x/d.sh t16 $HOME%20;|&", ["/x/d.sh", "t16", "$HOME%20;|&"] },
        { "/x/args.sh s12 >/dev/null; exit 3", ["/x/args.sh", "s12", ">/dev/null;", "exit", "3"] },
        { "/x/args.sh s3 'it''s' x'y z'w $HOME ~ *", ["/x/args.sh", "s3", "its", "xy zw", "$HOME", "~", "*"] },
        { "  spaced   out  ", ["spaced", "out"] },
        { "say \"hello world\"", ["say", "\"hello", "world\""] },
        { "''", [""] },
    };

    [Theory]
    [MemberData(nameof(Observed))]
    public void Split_KeepalivedObservedInputs_SameArgv(string line, string[] expected) =>
        Assert.Equal(expected, ScriptCommandLine.Split(line));

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("with space", "'with space'")]
    [InlineData("it's", "'it'\\''s'")]
    [InlineData("back\\slash", "'back\\slash'")]
    [InlineData("", "''")]
    [InlineData("$HOME;|&*", "'$HOME;|&*'")]
    public void ShellQuote_Word_PosixSingleQuotes(string word, string expected) =>
        Assert.Equal(expected, ScriptCommandLine.ShellQuote(word));
}
