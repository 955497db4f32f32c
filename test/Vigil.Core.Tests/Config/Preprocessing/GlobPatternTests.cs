namespace Vigil.Config.Preprocessing.Tests;

public class GlobPatternTests
{
    [Theory]
    [InlineData("*.conf", "a.conf", true)]
    [InlineData("*.conf", ".a.conf", false)]
    [InlineData(".*.conf", ".a.conf", true)]
    [InlineData("a?c", "abc", true)]
    [InlineData("a?c", "ac", false)]
    [InlineData("[a-c]x", "bx", true)]
    [InlineData("[!a-c]x", "bx", false)]
    [InlineData("[!a-c]x", "dx", true)]
    [InlineData("a\\*", "a*", true)]
    [InlineData("a[", "a[", true)]
    [InlineData("***x", "yyx", true)]
    public void IsMatch_FnmatchCases(string pattern, string name, bool expected) =>
        Assert.Equal(expected, GlobPattern.IsMatch(pattern, name));

    [Fact]
    public void IsMatch_PathologicalPattern_Terminates()
    {
        Assert.False(GlobPattern.IsMatch(string.Concat(Enumerable.Repeat("*a", 40)) + "b", new string('a', 200)));
    }
}
