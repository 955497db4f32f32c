using Vigil.Cli;

namespace Vigil.Config.Tests;

/// <summary>keepalived's getopt_long command line (keepalived(8), observed 2.2.7 behaviour).</summary>
public class CommandLineTests
{
    private static VigilOptions Parse(params string[] args)
    {
        var o = CommandLine.Parse(args, out var error, out _);
        Assert.True(o is not null, error);
        return o!;
    }

    private static string Error(params string[] args)
    {
        Assert.Null(CommandLine.Parse(args, out var error, out _));
        return error!;
    }

    [Fact]
    public void Parse_NoArguments_UsesKeepalivedsDefaultFile()
    {
        Assert.Equal("/etc/keepalived/keepalived.conf", Parse().ConfigFile);
    }

    [Fact]
    public void Parse_BundledShortFlags_SetEachFlag()
    {
        var o = Parse("-nlD");
        Assert.True(o.DontFork && o.LogConsole && o.LogDetail);
    }

    [Theory]
    [InlineData("-f/tmp/k.conf")]
    [InlineData("-f", "/tmp/k.conf")]
    [InlineData("--use-file=/tmp/k.conf")]
    [InlineData("--use-file", "/tmp/k.conf")]
    [InlineData("--use=/tmp/k.conf")]
    [InlineData("-nf/tmp/k.conf")]
    public void Parse_RequiredValue_AttachedOrSeparate(params string[] args)
    {
        Assert.Equal("/tmp/k.conf", Parse(args).ConfigFile);
    }

    [Fact]
    public void Parse_ConfigTestWithoutAttachedValue_DoesNotTakeTheNextWord()
    {
        var o = CommandLine.Parse(["-t", "/tmp/log"], out _, out var unexpected)!;
        Assert.True(o.ConfigTest);
        Assert.Null(o.ConfigTestLog);
        Assert.Equal(["/tmp/log"], unexpected);
    }

    [Theory]
    [InlineData("-t/tmp/log")]
    [InlineData("--config-test=/tmp/log")]
    public void Parse_ConfigTestWithAttachedValue_TakesTheLogFile(string arg)
    {
        var o = Parse(arg);
        Assert.True(o.ConfigTest);
        Assert.Equal("/tmp/log", o.ConfigTestLog);
    }

    [Fact]
    public void Parse_TfBundle_IsTestWithLogFileF_AsGetoptReadsIt()
    {
        var o = CommandLine.Parse(["-tf", "x.conf"], out _, out var unexpected)!;
        Assert.Equal("f", o.ConfigTestLog);
        Assert.Equal(["x.conf"], unexpected);
    }

    [Fact]
    public void Parse_EveryKeepalivedFlag_IsAccepted()
    {
        var o = Parse("-P", "-C", "-B", "--all", "-l", "-D", "-S", "local3", "-G", "-u", "0027", "-X", "-V", "-I", "-R", "-n", "-d",
            "-p", "/run/a.pid", "-r", "/run/v.pid", "-c", "/run/c.pid", "-b", "/run/b.pid", "-a", "-x", "-A", "/var/agentx",
            "-s", "ns1", "-m", "-M", "-e", "-i", "lb1", "-t", "-g/var/log/k.log", "--flush-log-file", "--config-fd=3");
        Assert.True(o.VrrpOnly && o.CheckerOnly && o.NoBfd && o.All && o.LogConsole && o.LogDetail && o.NoSyslog);
        Assert.Equal((16 + 3) << 3, o.LogFacility);
        Assert.Equal(0x17u, o.Umask);
        Assert.True(o.ReleaseVips && o.DontReleaseVrrp && o.DontReleaseIpvs && o.DontRespawn && o.DontFork && o.DumpConfig);
        Assert.Equal(("/run/a.pid", "/run/v.pid", "/run/c.pid", "/run/b.pid"), (o.PidFile, o.VrrpPidFile, o.CheckersPidFile, o.BfdPidFile));
        Assert.True(o.AddressMonitoring && o.Snmp && o.CoreDump && o.AllConfig && o.ConfigTest);
        Assert.Equal("/var/agentx", o.SnmpAgentSocket);
        Assert.Equal("ns1", o.Namespace);
        Assert.Equal("core", o.CoreDumpPattern);
        Assert.Equal("lb1", o.ConfigId);
        Assert.Equal("/var/log/k.log", o.LogFile);
        Assert.True(o.FlushLogFile);
        Assert.Equal(3, o.ConfigFd);
        Assert.Equal(2, o.Notices.Count);
    }

    [Fact]
    public void Parse_DumpConfJson_SelectsJson()
    {
        Assert.True(Parse("--dump-conf=json").DumpConfigJson);
        Assert.False(Parse("-d").DumpConfigJson);
    }

    [Theory]
    [InlineData("Unknown option --foo", "--foo")]
    [InlineData("Unknown option -Z", "-Z")]
    [InlineData("Unknown option -Z", "-nZ")]
    [InlineData("Missing parameter for option -f", "-f")]
    [InlineData("Missing parameter for option --signum", "--signum")]
    [InlineData("Option --version does not take a parameter", "--version=1")]
    public void Parse_BadOption_IsKeepalivedsMessage(string message, params string[] args)
    {
        Assert.Equal(message, Error(args));
    }

    [Fact]
    public void Parse_GenhashFirst_PassesTheRestThrough()
    {
        var o = Parse("-T", "-s", "192.0.2.1", "-p", "80", "-u", "/");
        Assert.True(o.Genhash);
        Assert.Equal(["-s", "192.0.2.1", "-p", "80", "-u", "/"], o.GenhashArguments);
    }

    [Fact]
    public void Parse_DoubleDash_EndsOptions()
    {
        CommandLine.Parse(["--", "-n"], out _, out var unexpected);
        Assert.Equal(["-n"], unexpected);
    }

    [Theory]
    [InlineData("STOP", 15)]
    [InlineData("RELOAD", 1)]
    [InlineData("DATA", 10)]
    [InlineData("STATS", 12)]
    [InlineData("STATS_CLEAR", 63)]
    [InlineData("JSON", 36)]
    public void SignalNumber_MatchesKeepalived227(string function, int number) =>
        Assert.Equal(number, CommandLine.SignalNumber(function));

    [Theory]
    [InlineData("daemon", 3 << 3)]
    [InlineData("user", 1 << 3)]
    [InlineData("0", 16 << 3)]
    [InlineData("local7", 23 << 3)]
    public void ParseFacility_AcceptsTheHelpTextForms(string text, int facility) =>
        Assert.Equal(facility, CommandLine.ParseFacility(text));
}
