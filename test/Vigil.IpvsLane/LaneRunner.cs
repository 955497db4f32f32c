using System.Diagnostics;

namespace Vigil.IpvsLane;

/// <summary>Runs named checks, prints PASS/FAIL per check and the closing "N passed, N failed" line.</summary>
internal sealed class LaneRunner
{
    private readonly List<string> _failures = [];
    private int _passed;

    public void Check(string name, Action check)
    {
        var sw = Stopwatch.StartNew();
        try
        {
            check();
            _passed++;
            Console.WriteLine($"PASS {name} ({sw.ElapsedMilliseconds} ms)");
        }
        catch (Exception e)
        {
            _failures.Add(name);
            Console.WriteLine($"FAIL {name}: {e.GetType().Name}: {e.Message}");
        }
    }

    public int Finish()
    {
        Console.WriteLine($"{_passed} passed, {_failures.Count} failed");
        return _failures.Count == 0 ? 0 : 1;
    }
}

/// <summary>Thrown by <see cref="Expect"/>.</summary>
internal sealed class LaneCheckException(string message) : Exception(message);

internal static class Expect
{
    public static void True(bool condition, string what)
    {
        if (!condition)
        {
            throw new LaneCheckException(what);
        }
    }

    public static void Equal<T>(T expected, T actual, string what)
    {
        if (!EqualityComparer<T>.Default.Equals(expected, actual))
        {
            throw new LaneCheckException($"{what}: expected <{expected}> but got <{actual}>");
        }
    }

    /// <summary>Line by line, trailing blanks ignored; the message shows both texts.</summary>
    public static void SameText(string expected, string actual, string what)
    {
        static string[] Lines(string s) => s.Replace("\r", "", StringComparison.Ordinal).TrimEnd('\n').Split('\n').Select(l => l.TrimEnd()).ToArray();
        if (!Lines(expected).SequenceEqual(Lines(actual)))
        {
            throw new LaneCheckException($"{what} differs\n--- expected\n{expected}--- actual\n{actual}---");
        }
    }
}
