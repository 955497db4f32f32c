using Vigil.Config.Model;
using Vigil.Config.Parsing;
using Vigil.Config.Preprocessing;
using Vigil.Config.Validation;

namespace Vigil.Config;

/// <summary>
/// Reads, parses, validates and resolves a keepalived configuration. Never throws for bad input: every problem is a
/// <see cref="ConfigDiagnostic"/>. This is what <c>vigil -t</c>, <c>vigil -d</c> and the daemon use.
/// </summary>
public static class ConfigLoader
{
    public static ConfigLoadResult Load(string path, ConfigLoadOptions options, IConfigFileSystem fileSystem, IHostFacts host)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(fileSystem);
        ArgumentNullException.ThrowIfNull(host);

        var diagnostics = new DiagnosticBag();
        var configId = options.ConfigId ?? ShortHostName(host.HostName);
        var pre = new Preprocessor(fileSystem, diagnostics, new PreprocessorOptions(configId, options.AllConfig, host.GetEnvironmentVariable, options.RandomSeed));
        var lines = pre.Run(path);
        KeepalivedConfig? config = null;
        if (lines is not null)
        {
            var context = new ParseContext(diagnostics);
            var grammar = KeepalivedGrammar.Create(context);
            var root = new RootBuilder();
            new ConfigParser(lines, context).ParseAll(grammar, ref root);
            config = new ConfigValidator(root, context, host).Run();
        }

        if (diagnostics.Dropped > 0)
        {
            diagnostics.Add(new ConfigDiagnostic(DiagnosticSeverity.Error, null, null, $"{diagnostics.Dropped} further diagnostics not shown"));
        }

        var ordered = Order(diagnostics.Items, pre.DisplayNamesRead);
        return new ConfigLoadResult(config, ordered, ConfigLoadResult.StatusOf(ordered)) { Files = pre.FilesRead };
    }

    /// <summary>The config id default: the node name up to the first dot (keepalived.conf(5)).</summary>
    public static string ShortHostName(string hostName)
    {
        var dot = hostName.IndexOf('.');
        return dot > 0 ? hostName[..dot] : hostName;
    }

    /// <summary>Each diagnostic once, located ones in file order (files in the order read), then the rest as found.</summary>
    private static List<ConfigDiagnostic> Order(IReadOnlyList<ConfigDiagnostic> items, List<string> files)
    {
        var fileIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var f in files)
        {
            fileIndex.TryAdd(f, fileIndex.Count);
        }

        var seen = new HashSet<(DiagnosticSeverity, SourceLocation?, string)>();
        var unique = items.Where(d => seen.Add((d.Severity, d.Location, d.Message))).ToList();
        return unique
            .Select((d, i) => (d, i))
            .OrderBy(x => x.d.Location is null ? 1 : 0)
            .ThenBy(x => x.d.Location is { } l ? fileIndex.GetValueOrDefault(l.File, int.MaxValue) : 0)
            .ThenBy(x => x.d.Location?.Line ?? 0)
            .ThenBy(x => x.i)
            .Select(x => x.d)
            .ToList();
    }
}
