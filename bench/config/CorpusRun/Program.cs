using System.Diagnostics;
using Vigil.Config;
using Vigil.Linux.Config;

namespace Vigil.Bench;

/// <summary>Usage: Vigil.Bench CORPUS_DIR OUT_DIR — writes OUT_DIR/status.txt ("ours expected file ms") and one output file per config.</summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        if (args[0] == "--keywords")
        {
            var ctx = new Vigil.Config.Parsing.ParseContext(new DiagnosticBag());
            Vigil.Config.Parsing.KeepalivedGrammar.Create(ctx);
            foreach (var t in ctx.AllTables)
            {
                Console.WriteLine(t.BlockName + ": " + string.Join(' ', t.Keywords.Order(StringComparer.Ordinal)));
            }

            return 0;
        }

        if (args[0] == "--phases")
        {
            var host1 = new LinuxHostFacts();
            var d = new DiagnosticBag();
            var sw1 = Stopwatch.StartNew();
            var count = new Vigil.Config.Preprocessing.Preprocessor(new PhysicalConfigFileSystem(), d, new Vigil.Config.Preprocessing.PreprocessorOptions("x", false, _ => null)).Run(args[1])!.Count();
            Console.WriteLine($"preprocess-only cold {sw1.ElapsedMilliseconds} ms");
            for (var k = 0; k < 3; k++)
            {
                sw1.Restart();
                count = new Vigil.Config.Preprocessing.Preprocessor(new PhysicalConfigFileSystem(), d, new Vigil.Config.Preprocessing.PreprocessorOptions("x", false, _ => null)).Run(args[1])!.Count();
                Console.WriteLine($"preprocess-only warm {sw1.ElapsedMilliseconds} ms");
            }

            Console.WriteLine($"preprocess-only (streamed) {sw1.ElapsedMilliseconds} ms, {count} lines, {GC.GetTotalAllocatedBytes() / 1048576} MB allocated, gc0 {GC.CollectionCount(0)} gc1 {GC.CollectionCount(1)} gc2 {GC.CollectionCount(2)}");
            sw1.Restart();
            var lines = new Vigil.Config.Preprocessing.Preprocessor(new PhysicalConfigFileSystem(), d, new Vigil.Config.Preprocessing.PreprocessorOptions("x", false, _ => null)).Run(args[1])!.ToList();
            var t1 = sw1.ElapsedMilliseconds;
            var ctx = new Vigil.Config.Parsing.ParseContext(d);
            var g = Vigil.Config.Parsing.KeepalivedGrammar.Create(ctx);
            var root = new Vigil.Config.Parsing.RootBuilder();
            new Vigil.Config.Parsing.ConfigParser(lines, ctx).ParseAll(g, ref root);
            var t2 = sw1.ElapsedMilliseconds;
            new Vigil.Config.Validation.ConfigValidator(root, ctx, host1).Run();
            Console.WriteLine($"cold: lines {lines.Count}: preprocess {t1} ms, parse {t2 - t1} ms, validate {sw1.ElapsedMilliseconds - t2} ms, gc0 {GC.CollectionCount(0)} gc1 {GC.CollectionCount(1)} gc2 {GC.CollectionCount(2)}");
            return 0;
        }

        if (args[0] == "--time")
        {
            var host2 = new LinuxHostFacts();
            for (var i = 0; i < 3; i++)
            {
                var sw2 = Stopwatch.StartNew();
                var r2 = ConfigLoader.Load(args[1], new ConfigLoadOptions(), new PhysicalConfigFileSystem(), host2);
                Console.WriteLine($"{sw2.ElapsedMilliseconds} ms status {(int)r2.Status} diagnostics {r2.Diagnostics.Count}");
                var d = new DiagnosticBag();
                sw2.Restart();
                var lines = new Vigil.Config.Preprocessing.Preprocessor(new PhysicalConfigFileSystem(), d, new Vigil.Config.Preprocessing.PreprocessorOptions("x", false, _ => null)).Run(args[1])!.ToList();
                var t1 = sw2.ElapsedMilliseconds;
                var ctx = new Vigil.Config.Parsing.ParseContext(d);
                var g = Vigil.Config.Parsing.KeepalivedGrammar.Create(ctx);
                var root = new Vigil.Config.Parsing.RootBuilder();
                new Vigil.Config.Parsing.ConfigParser(lines, ctx).ParseAll(g, ref root);
                var t2 = sw2.ElapsedMilliseconds;
                new Vigil.Config.Validation.ConfigValidator(root, ctx, host2).Run();
                Console.WriteLine($"  lines {lines.Count}: preprocess {t1} ms, parse {t2 - t1} ms, validate {sw2.ElapsedMilliseconds - t2} ms");
            }

            return 0;
        }

        var corpus = args[0];
        var outDir = args[1];
        Directory.CreateDirectory(outDir);
        Directory.SetCurrentDirectory(corpus);
        var fs = new PhysicalConfigFileSystem();
        var host = new LinuxHostFacts();
        using var status = new StreamWriter(Path.Combine(outDir, "status.txt"));
        foreach (var line in File.ReadLines("expected-keepalived-2.2.7.tsv").Skip(1))
        {
            var cols = line.Split('\t');
            var file = cols[1];
            var sw = Stopwatch.StartNew();
            ConfigLoadResult r;
            try
            {
                r = ConfigLoader.Load(file, new ConfigLoadOptions(), fs, host);
            }
            catch (Exception e)
            {
                File.WriteAllText(Path.Combine(outDir, file.Replace('/', '_') + ".txt"), e.ToString());
                status.WriteLine($"999 {cols[0]} {file} {sw.ElapsedMilliseconds}");
                continue;
            }

            File.WriteAllLines(Path.Combine(outDir, file.Replace('/', '_') + ".txt"), r.Diagnostics.Select(d => d.Format()));
            status.WriteLine($"{(int)r.Status} {cols[0]} {file} {sw.ElapsedMilliseconds}");
        }

        return 0;
    }
}
