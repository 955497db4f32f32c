using System.Net;
using Vigil.Lb;

namespace Vigil.Core.Tests.Lb;

public class LbValidationTests
{
    private static readonly VirtualServiceKey Web = VirtualServiceKey.ForAddress(LbProtocol.Tcp, IPAddress.Parse("192.0.2.1"), 80);

    private static IReadOnlyList<LbProblem> Check(VirtualService s) => LbValidation.Validate(new LbState([s]));

    private static RealServer Rs(string address = "203.0.113.1") => new(IPAddress.Parse(address), 80);

    [Fact]
    public void Validate_DefaultService_HasNoProblems()
    {
        Assert.Empty(Check(new VirtualService(Web, [Rs(), Rs("203.0.113.2")])));
    }

    [Theory]
    [InlineData("wlc", 0)]
    [InlineData("twos", 0)]
    [InlineData("fastest", 1)]
    public void Validate_Scheduler_MustBeOneKeepalivedKnows(string scheduler, int problems)
    {
        Assert.Equal(problems, Check(new VirtualService(Web) with { Scheduler = scheduler }).Count);
    }

    [Fact]
    public void Validate_LowerThresholdAboveUpper_IsAnError()
    {
        var problems = Check(new VirtualService(Web, [Rs() with { UpperThreshold = 10, LowerThreshold = 20 }]));

        var p = Assert.Single(problems);
        Assert.Equal(LbProblemSeverity.Error, p.Severity);
        Assert.Equal("error: virtual server TCP  192.0.2.1:80, real server 203.0.113.1:80: lthreshold 20 is above uthreshold 10", p.ToString());
    }

    [Fact]
    public void Validate_MixedFamilyWithoutTunnel_IsAnError()
    {
        Assert.Single(Check(new VirtualService(Web, [Rs("2001:db8::1")])));
        Assert.Empty(Check(new VirtualService(Web, [Rs("2001:db8::1") with { Method = LvsMethod.Tun }])));
    }

    [Fact]
    public void Validate_GueWithoutPortAndGreRemcsum_AreErrors()
    {
        var problems = Check(new VirtualService(Web,
        [
            Rs() with { Method = LvsMethod.Tun, TunnelType = TunnelType.Gue },
            Rs("203.0.113.2") with { Method = LvsMethod.Tun, TunnelType = TunnelType.Gre, TunnelChecksum = TunnelChecksum.RemCsum },
        ]));

        Assert.Equal(2, problems.Count(p => p.Severity == LbProblemSeverity.Error));
    }

    [Fact]
    public void Validate_DuplicatesAndNegativeWeight_AreAllReported()
    {
        var problems = LbValidation.Validate(new LbState([new VirtualService(Web, [Rs(), Rs() with { Weight = -1 }]), new VirtualService(Web)]));

        Assert.Equal(3, problems.Count);
    }

    [Fact]
    public void Validate_GranularityOutOfRangeAndUnknownEngine_AreErrors()
    {
        var problems = Check(new VirtualService(Web) with { PersistenceTimeout = 360, PersistenceGranularity = 33, PersistenceEngine = "http" });

        Assert.Equal(2, problems.Count);
    }

    [Fact]
    public void Validate_OnePacketOnTcp_IsAWarning()
    {
        var p = Assert.Single(Check(new VirtualService(Web) with { OnePacket = true }));
        Assert.Equal(LbProblemSeverity.Warning, p.Severity);
    }

    [Fact]
    public void Validate_PortZeroWithoutPersistence_IsAWarningLikeKeepalived()
    {
        var zero = VirtualServiceKey.ForAddress(LbProtocol.Tcp, IPAddress.Parse("192.0.2.1"), 0);

        Assert.Equal(LbProblemSeverity.Warning, Assert.Single(Check(new VirtualService(zero))).Severity);
        Assert.Empty(Check(new VirtualService(zero) with { PersistenceTimeout = VirtualService.DefaultPersistenceTimeout }));
    }
}
