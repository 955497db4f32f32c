using System.Diagnostics;

namespace Vigil.Testing;

/// <summary>Bounded polling for tests that observe real processes: every wait has a deadline.</summary>
public static class Eventually
{
    public static bool Wait(Func<bool> condition, TimeSpan timeout, TimeSpan? poll = null)
    {
        var sw = Stopwatch.StartNew();
        var step = poll ?? TimeSpan.FromMilliseconds(20);
        while (true)
        {
            if (condition())
            {
                return true;
            }

            if (sw.Elapsed > timeout)
            {
                return false;
            }

            Thread.Sleep(step);
        }
    }

    public static void True(Func<bool> condition, TimeSpan timeout, string because)
    {
        if (!Wait(condition, timeout))
        {
            throw new Xunit.Sdk.XunitException($"Condition not met within {timeout}: {because}");
        }
    }
}
