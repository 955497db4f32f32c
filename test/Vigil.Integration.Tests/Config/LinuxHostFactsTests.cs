using Vigil.Linux.Config;
using Vigil.Testing;

namespace Vigil.Config.Tests;

/// <summary>The host facts adapter answers for the network namespace of the calling thread.</summary>
public class LinuxHostFactsTests
{
    [NetFact]
    public void InterfaceExists_AnswersForTheCallersNamespace()
    {
        using var lab = new Lab();
        var a = lab.Host("a");
        var b = lab.Host("b");
        var name = "vg" + lab.Id[^6..];
        lab.Link(a, name, b, "peer0");
        var facts = new LinuxHostFacts();
        Assert.True(a.Run(() => facts.InterfaceExists(name)));
        Assert.False(b.Run(() => facts.InterfaceExists(name)));
        Assert.True(b.Run(() => facts.InterfaceExists("peer0")));
        Assert.False(a.Run(() => facts.InterfaceExists("no-such-if0")));
    }

    [Fact]
    public void ResolveAccount_ReadsPasswdAndGroup()
    {
        var facts = new LinuxHostFacts();
        Assert.Equal((0, 0), facts.ResolveAccount("root", null));
        Assert.Equal((0, 0), facts.ResolveAccount("root", "root"));
        Assert.Null(facts.ResolveAccount("no-such-user-vigil", null));
        Assert.Null(facts.ResolveAccount("root", "no-such-group-vigil"));
    }

    [Fact]
    public void GetFileFacts_ReportsOwnerAndMode()
    {
        var facts = new LinuxHostFacts();
        var f = facts.GetFileFacts("/bin/sh");
        Assert.NotNull(f);
        Assert.Equal(0, f.Uid);
        Assert.True(f.IsExecutable);
        Assert.True(facts.GetFileFacts("/etc")!.IsDirectory);
        Assert.Null(facts.GetFileFacts("/no/such/file"));
    }
}
