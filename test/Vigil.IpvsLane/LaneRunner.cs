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
