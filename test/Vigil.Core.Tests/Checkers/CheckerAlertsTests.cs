using System.Net;
using Vigil.Checkers;

namespace Vigil.Checkers.Tests;

public class CheckerAlertsTests
{
    private static readonly VirtualServiceKey Vs = VirtualServiceKey.ForAddress(IPAddress.Parse("192.0.2.100"), 80);
    private static readonly RealServerKey Rs = new(IPAddress.Parse("192.0.2.11"), 1);

    [Theory]
    [InlineData(true, CheckerKind.Misc, ProbeVerdict.Success, "Realserver [192.0.2.11]:tcp:1 of virtual server [192.0.2.100]:tcp:80 - UP", "=> MISC CHECK succeeded on service <=")]
    [InlineData(false, CheckerKind.Misc, ProbeVerdict.ScriptFailed, "Realserver [192.0.2.11]:tcp:1 of virtual server [192.0.2.100]:tcp:80 - DOWN", "=> MISC CHECK failed on service <=")]
    [InlineData(false, CheckerKind.Misc, ProbeVerdict.ScriptTimeout, "Realserver [192.0.2.11]:tcp:1 of virtual server [192.0.2.100]:tcp:80 - DOWN", "=> MISC CHECK timed out on service <=")]
    [InlineData(true, CheckerKind.HttpGet, ProbeVerdict.Success, "Realserver [192.0.2.11]:tcp:1 of virtual server [192.0.2.100]:tcp:80 - UP", "=> CHECK succeed on service <=")]
    [InlineData(false, CheckerKind.HttpGet, ProbeVerdict.BadStatus, "Realserver [192.0.2.11]:tcp:1 of virtual server [192.0.2.100]:tcp:80 - DOWN", "=> CHECK failed on service : HTTP request failed <=")]
    public void RealServer_ObservedKeepalivedMails_SameSubjectAndBody(bool up, CheckerKind kind, ProbeVerdict verdict, string subject, string body)
    {
        var a = CheckerAlerts.RealServer(Vs, Rs, up, kind, new ProbeResult(verdict));
        Assert.Equal(subject, a.Subject);
        Assert.Equal(body, a.Body);
    }

    [Fact]
    public void Quorum_AtStartup_StartingWithQuorumUp()
    {
        // lane3 mail: "=> Starting with quorum up 1+0=1 <= 5 <=".
        var a = CheckerAlerts.Quorum(Vs, true, true, 1, 0, 5);
        Assert.Equal("Virtualserver [192.0.2.100]:tcp:80 - UP", a.Subject);
        Assert.Equal("=> Starting with quorum up 1+0=1 <= 5 <=", a.Body);
    }
}
