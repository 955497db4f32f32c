namespace Vigil.Config.Preprocessing.Tests;

public class BraceExpanderTests
{
    [Theory]
    [InlineData("a{b,c}d", new[] { "abd", "acd" })]
    [InlineData("{foo/{,cat,dog},bar}", new[] { "foo/", "foo/cat", "foo/dog", "bar" })]
    [InlineData("x{}y", new[] { "x{}y" })]
    [InlineData("plain", new[] { "plain" })]
    [InlineData("a{b", new[] { "a{b" })]
    public void Expand_CshStyle(string pattern, string[] expected) => Assert.Equal(expected, BraceExpander.Expand(pattern));

    [Fact]
    public void Expand_Explosion_IsBounded()
    {
        var pattern = string.Concat(Enumerable.Repeat("{a,b,c,d}", 12));
        Assert.True(BraceExpander.Expand(pattern).Count <= BraceExpander.MaxAlternatives);
    }
}
