using Vigil.Cli.ConfigTest;
using Vigil.Cli.Daemon;
using Vigil.Cli.Dump;
using Vigil.Config;
using Vigil.Linux;
using Vigil.Linux.Config;

namespace Vigil.Cli;

internal static class Program
{
    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>The whole command: testable with captured writers.</summary>
    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        var options = CommandLine.Parse(args, out var error, out var unexpected);
        if (options is null)
        {
            // keepalived prints the offending option and exits 1.
            stderr.WriteLine(error);
            return 1;
        }

        if (unexpected.Count > 0)
        {
            stderr.WriteLine($"Unexpected argument(s): {string.Join(' ', unexpected)} ");
        }

        foreach (var notice in options.Notices)
        {
            stderr.WriteLine(notice);
        }

        if (options.Help)
        {
            stdout.WriteLine(CommandLine.Usage);
            return 0;
        }

        if (options.Version)
        {
            stdout.WriteLine($"{VigilInfo.Name} v{VigilInfo.Version} (keepalived {VigilInfo.CompatibleKeepalivedVersion} compatible)");
            return 0;
        }

        if (options.SignumFunction is { } function)
        {
            if (CommandLine.SignalNumber(function) is not { } number)
            {
                stderr.WriteLine($"Unknown sigfunc {function}");
                return 1;
            }

            stdout.WriteLine(number);
            return 0;
        }

        if (options.Genhash)
        {
            // keepalived --genhash: everything after -T belongs to genhash (its options, output and exit codes).
            return Vigil.Linux.Checkers.GenHash.RunAsync([.. options.GenhashArguments], stdout, stderr, TimeProvider.System).GetAwaiter().GetResult();
        }

        ConfigLoadResult result;
        try
        {
            result = Load(options);
        }
        catch (AggregateException e) when (options.Namespace is not null)
        {
            stderr.WriteLine($"vigil: cannot enter network namespace '{options.Namespace}': {e.InnerException?.Message ?? e.Message}");
            return 1;
        }

        if (options.LvsStatus)
        {
            return LvsStatusCommand.Run(options, result.Config, stdout, stderr);
        }

        if (options.ConfigTest)
        {
            if (result.Config is { } checkedConfig && (options.LvsBackend ?? checkedConfig.Global.LvsBackend) == Vigil.Lb.LbBackendKind.Nftables)
            {
                var all = result.Diagnostics.Concat(LbConfigCheck.NftablesProblems(checkedConfig)).ToList();
                result = result with { Diagnostics = all, Status = ConfigLoadResult.StatusOf(all) };
            }

            var status = ConfigTestCommand.Run(result, options.ConfigTestLog, stderr);
            if (options.DumpConfig && result.Config is not null)
            {
                stdout.Write(options.DumpConfigJson ? ConfigDumper.ToJson(result.Config) + Environment.NewLine : ConfigDumper.ToText(result.Config));
            }

            return status;
        }

        foreach (var d in result.Diagnostics)
        {
            stderr.WriteLine(d.Format());
        }

        if (result.Config is null)
        {
            return 1;
        }

        if (options.DumpConfig)
        {
            stdout.Write(options.DumpConfigJson ? ConfigDumper.ToJson(result.Config) + Environment.NewLine : ConfigDumper.ToText(result.Config));
        }

        return DaemonHost.Run(options, result.Config, args, stderr);
    }

    private static ConfigLoadResult Load(VigilOptions options)
    {
        var loadOptions = new ConfigLoadOptions { ConfigId = options.ConfigId, AllConfig = options.AllConfig };
        ConfigLoadResult Work() => ConfigLoader.Load(options.ConfigFile, loadOptions, new PhysicalConfigFileSystem(), new LinuxHostFacts());
        if (options.Namespace is { } ns)
        {
            // -s: interfaces are checked inside that namespace (setns on a dedicated thread).
            return NetNamespace.Run("/run/netns/" + ns, Work);
        }

        return Work();
    }
}
