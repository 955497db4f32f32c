using Vigil.Checkers;

namespace Vigil.Checkers.Tests;

public class HexPatternTests
{
    [Fact]
    public void Parse_ManPageExample_GroupsAndOddDigits()
    {
        // keepalived.conf(5): "Ab12f 3 456 546443123" is AB 12 0F 03 45 06 54 64 43 12 03.
        var p = HexPattern.Parse("Ab12f 3 456 546443123", allowWildcards: false);
        Assert.Equal(new byte[] { 0xAB, 0x12, 0x0F, 0x03, 0x45, 0x06, 0x54, 0x64, 0x43, 0x12, 0x03 }, p.Bytes.ToArray());
    }

    [Theory]
    [InlineData("4f 4b", new byte[] { 0x4f, 0x4b }, true)]
    [InlineData("4f 4b", new byte[] { 0x4f }, true)]
    [InlineData("4f 4b", new byte[] { 0x4f, 0x4c, 0x00 }, false)]
    [InlineData("4X Xb", new byte[] { 0x4f, 0x1b }, true)]
    [InlineData("4X Xb", new byte[] { 0x5f, 0x1b }, false)]
    [InlineData("x", new byte[] { 0x0c }, true)]
    [InlineData("x", new byte[] { 0x1c }, false)]
    public void Matches_Reply_ComparesMinimumLengthWithWildcards(string pattern, byte[] reply, bool expected) =>
        Assert.Equal(expected, HexPattern.Parse(pattern).Matches(reply));

    [Theory]
    [InlineData("zz")]
    [InlineData("0g")]
    public void TryParse_NotHex_False(string text) => Assert.False(HexPattern.TryParse(text, true, out _));

    [Fact]
    public void TryParse_WildcardInPayload_Rejected() => Assert.False(HexPattern.TryParse("4X", allowWildcards: false, out _));

    [Fact]
    public void ToString_Pattern_ShowsWildcards() => Assert.Equal("4X 0B", HexPattern.Parse("4X b").ToString());
}
