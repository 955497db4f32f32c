using Vigil.Cli;
using Vigil.Lb;
using Vigil.Testing;

namespace Vigil.Integration.Tests.Lb;

/// <summary>The load-balancer parts of the command line: <c>lvs_backend</c> in <c>-t</c>, <c>--lvs-backend</c>, <c>--genhash</c>.</summary>
public sealed class LbCommandLineTests : IDisposable
{
    private const string DrAndRr = """
        global_defs {
            lvs_backend nftables
        }
        virtual_server 192.0.2.100 80 {
            protocol TCP
            lvs_sched rr
            lvs_method DR
            real_server 192.0.2.11 80 {
            }
        }
        virtual_server 192.0.2.100 81 {
            protocol TCP
            lvs_sched rr
            lvs_method NAT
            real_server 192.0.2.11 81 {
            }
        }
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("vigil-lb-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static CmdResult Vigil(params string[] args)
    {
        var (file, prefix) = Testing.Nodes.VigilNode.Executable;
        return Cmd.Run(file, [.. prefix, .. args], TimeSpan.FromSeconds(60));
    }

    [Theory]
    [InlineData("--lvs-backend=ipvs", LbBackendKind.Ipvs)]
    [InlineData("--lvs-backend=nftables", LbBackendKind.Nftables)]
    [InlineData("--lvs-backend=auto", LbBackendKind.Auto)]
    public void Parse_LvsBackend_SetsTheOverride(string arg, LbBackendKind kind)
    {
        var o = CommandLine.Parse([arg, "-n"], out var error, out _);
        Assert.True(o is not null, error);
        Assert.Equal(kind, o!.LvsBackend);
        Assert.True(o.DontFork);
    }

    [Fact]
    public void Parse_LvsBackendSeparateValueAndStatus_AreAccepted()
    {
        var o = CommandLine.Parse(["--lvs-backend", "nftables", "--lvs-status"], out var error, out _);
        Assert.True(o is not null, error);
        Assert.Equal((LbBackendKind?)LbBackendKind.Nftables, o!.LvsBackend);
        Assert.True(o.LvsStatus);
    }

    [Fact]
    public void Parse_BadLvsBackend_IsAnErrorWithSuggestion()
    {
        Assert.Null(CommandLine.Parse(["--lvs-backend=nftable"], out var error, out _));
        Assert.Equal("Unknown lvs backend 'nftable' - must be ipvs, nftables or auto (did you mean 'nftables'?)", error);
    }

    [Fact]
    public void ConfigTest_BadLvsBackendValue_ErrorWithDidYouMean()
    {
        var file = Write("bad.conf", "global_defs {\n lvs_backend ipv\n}\n");
        var r = Vigil("-t", "-f", file);
        Assert.Equal(5, r.ExitCode);
        Assert.Equal($"({file}: Line 2) Unknown lvs_backend 'ipv' - using auto - did you mean 'ipvs'?", r.StdErr.Trim());
    }

    [Fact]
    public void ConfigTest_LvsBackendAccepted_Clean()
    {
        var r = Vigil("-t", "-f", Write("ok.conf", "global_defs {\n lvs_backend auto\n}\n"));
        Assert.Equal((0, ""), (r.ExitCode, r.StdErr));
    }

    [Fact]
    public void ConfigTest_Nftables_RefusesDrNamingTheVirtualServer()
    {
        var file = Write("dr.conf", DrAndRr);
        var r = Vigil("-t", "-f", file);
        Assert.Equal(5, r.ExitCode);
        Assert.Equal(
            $"({file}: Line 4) Virtual server [192.0.2.100]:tcp:80: real server 192.0.2.11:80: nftables backend: lvs_method DR needs IPVS; nftables can only forward by NAT (DNAT)",
            r.StdErr.Trim());
    }

    [Fact]
    public void ConfigTest_AutoBackend_DoesNotJudgeTheDataPlane()
    {
        var file = Write("dr.conf", DrAndRr.Replace("lvs_backend nftables", "lvs_backend auto", StringComparison.Ordinal));
        var r = Vigil("-t", "-f", file);
        Assert.Equal((0, ""), (r.ExitCode, r.StdErr));
        Assert.Equal(5, Vigil("-t", "--lvs-backend=nftables", "-f", file).ExitCode);
    }

    [Fact]
    public void Genhash_BadCommandLine_IsGenhashsUsageError()
    {
        var r = Vigil("-T", "--bogus");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("Usage: keepalived --genhash", r.StdOut + r.StdErr, StringComparison.Ordinal);
    }
}
