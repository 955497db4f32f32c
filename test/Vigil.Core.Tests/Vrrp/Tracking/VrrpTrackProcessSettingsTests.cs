namespace Vigil.Vrrp.Tracking.Tests;

/// <summary>keepalived.conf(5) "VRRP track processes": exact name match (no pgrep-style substring), parameters exact,
/// partial (first n) or initial (last one a prefix), full_command, quorum bounds.</summary>
public class VrrpTrackProcessSettingsTests
{
    [Theory]
    [InlineData("nginx", "", false, false, false, "nginx", "nginx -g daemon", true)]
    [InlineData("ssh", "", false, false, false, "sshd", "/usr/sbin/sshd", false)]
    [InlineData("/bin/app", "a b", true, false, false, "app", "/bin/app a b", true)]
    [InlineData("/bin/app", "a b", true, false, false, "app", "/bin/app a b c", false)]
    [InlineData("/bin/app", "a b", true, true, false, "app", "/bin/app a b c", true)]
    [InlineData("/bin/app", "a b", true, true, false, "app", "/bin/app a bx", false)]
    [InlineData("/bin/app", "a b", true, false, true, "app", "/bin/app a bx c", true)]
    [InlineData("/bin/app", "a b", true, false, true, "app", "/bin/app ax b", false)]
    [InlineData("/bin/app", "", true, false, false, "app", "/bin/app", true)]
    [InlineData("/bin/app", "", true, false, false, "app", "/bin/app x", false)]
    public void Matches(string process, string parameters, bool matchParameters, bool partial, bool initial, string comm, string cmdline, bool expected)
    {
        var spec = new VrrpTrackProcessSettings("tp", process)
        {
            Parameters = [.. parameters.Split(' ', StringSplitOptions.RemoveEmptyEntries)],
            MatchParameters = matchParameters,
            PartialMatch = partial,
            InitialMatch = initial,
        };
        Assert.Equal(expected, spec.Matches(comm, cmdline.Split(' ')));
    }

    [Fact]
    public void FullCommand_ComparesTheWholeCommandLine()
    {
        var spec = new VrrpTrackProcessSettings("tp", "/usr/bin/python3 /srv/app.py") { FullCommand = true };
        Assert.True(spec.Matches("python3", ["/usr/bin/python3", "/srv/app.py"]));
        Assert.False(spec.Matches("python3", ["/usr/bin/python3", "/srv/app.py", "-v"]));
    }

    [Theory]
    [InlineData(1, int.MaxValue, 0, false)]
    [InlineData(1, int.MaxValue, 3, true)]
    [InlineData(2, 3, 1, false)]
    [InlineData(2, 3, 4, false)]
    [InlineData(0, 0, 0, true)]
    [InlineData(0, 0, 1, false)]
    public void Quorum(int quorum, int max, int count, bool met) =>
        Assert.Equal(met, new VrrpTrackProcessSettings("tp", "x") { Quorum = quorum, QuorumMax = max }.QuorumMet(count));
}
