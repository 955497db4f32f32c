using System.Net;
using System.Net.Sockets;
using Vigil.Lb;

namespace Vigil.Core.Tests.Lb;

public class VirtualServerGroupTests
{
    private static readonly VirtualService Template =
        new VirtualService(VirtualServiceKey.ForFwMark(99), [new RealServer(IPAddress.Parse("203.0.113.1"), 80)]) with { Scheduler = "rr" };

    private static VirtualServerGroupEntry.AddressRange Range(string text, ushort port = 0)
    {
        Assert.True(VirtualServerGroupEntry.TryParseRange(text, port, out var r, out var error), error);
        return r!;
    }

    [Theory]
    [InlineData("192.0.2.7", "192.0.2.7", "192.0.2.7")]
    [InlineData("192.0.2.1-10", "192.0.2.1", "192.0.2.10")]
    [InlineData("192.0.2.250-192.0.3.10", "192.0.2.250", "192.0.3.10")]
    [InlineData("192.0.2.8/29", "192.0.2.8", "192.0.2.15")]
    [InlineData("192.0.2.9/29", "192.0.2.8", "192.0.2.15")]
    [InlineData("192.0.2.9/32", "192.0.2.9", "192.0.2.9")]
    [InlineData("2001:db8::1-1f", "2001:db8::1", "2001:db8::1f")]
    [InlineData("2001:db8::/126", "2001:db8::", "2001:db8::3")]
    public void TryParseRange_KeepalivedForms_GiveInclusiveBounds(string text, string first, string last)
    {
        var r = Range(text);

        Assert.Equal(IPAddress.Parse(first), r.First);
        Assert.Equal(IPAddress.Parse(last), r.Last);
    }

    [Theory]
    [InlineData("192.0.2.10-1")]
    [InlineData("192.0.2.1-256")]
    [InlineData("192.0.2.1/33")]
    [InlineData("not-an-address")]
    [InlineData("192.0.2.1-2001:db8::1")]
    public void TryParseRange_Garbage_IsAnErrorNotAnException(string text)
    {
        Assert.False(VirtualServerGroupEntry.TryParseRange(text, 80, out var r, out var error));
        Assert.Null(r);
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void Expand_RangesAndFwMarks_OneServiceEachWithTheSameDestinations()
    {
        var problems = new List<LbProblem>();
        var services = VirtualServerGroup.Expand(
            [Range("192.0.2.1-3", 443), Range("198.51.100.5"), new VirtualServerGroupEntry.FwMark(7, null), new VirtualServerGroupEntry.FwMark(8, AddressFamily.InterNetworkV6)],
            Template, LbProtocol.Tcp, 80, AddressFamily.InterNetwork, problems);

        Assert.Empty(problems);
        Assert.Equal(
            ["TCP  192.0.2.1:443", "TCP  192.0.2.2:443", "TCP  192.0.2.3:443", "TCP  198.51.100.5:80", "FWM  7", "FWM  8 IPv6"],
            services.Select(s => s.Key.ToString()));
        Assert.All(services, s => Assert.Equal(Template with { Key = s.Key }, s));
    }

    [Fact]
    public void Expand_OverlappingEntries_KeepsEachKeyOnce()
    {
        var problems = new List<LbProblem>();
        var services = VirtualServerGroup.Expand([Range("192.0.2.1-3", 80), Range("192.0.2.2", 80)], Template, LbProtocol.Tcp, 80, AddressFamily.InterNetwork, problems);

        Assert.Equal(3, services.Count);
    }

    [Fact]
    public void Expand_HugeRange_StopsAtTheLimitAndSaysSo()
    {
        var problems = new List<LbProblem>();
        var services = VirtualServerGroup.Expand([Range("198.51.100.0/16", 80)], Template, LbProtocol.Tcp, 80, AddressFamily.InterNetwork, problems, maxServices: 100);

        Assert.Equal(100, services.Count);
        Assert.Contains(problems, p => p.Severity == LbProblemSeverity.Error && p.Message.Contains("more than 100", StringComparison.Ordinal));
    }

    [Fact]
    public void Expand_LastAddressOfTheFamily_DoesNotWrap()
    {
        var problems = new List<LbProblem>();
        var services = VirtualServerGroup.Expand([Range("255.255.255.254-255", 80)], Template, LbProtocol.Tcp, 80, AddressFamily.InterNetwork, problems);

        Assert.Equal(2, services.Count);
    }

    [Fact]
    public void Expand_FwMarkZero_IsAProblem()
    {
        var problems = new List<LbProblem>();
        var services = VirtualServerGroup.Expand([new VirtualServerGroupEntry.FwMark(0, null)], Template, LbProtocol.Tcp, 80, AddressFamily.InterNetwork, problems);

        Assert.Empty(services);
        Assert.Single(problems);
    }
}
