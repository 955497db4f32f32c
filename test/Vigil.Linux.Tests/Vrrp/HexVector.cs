using System.Globalization;

namespace Vigil.Linux.Tests.Vrrp;

/// <summary>Reads a captured frame from TestData/vectors (16 hex bytes a line; '#' lines are comments).</summary>
internal static class HexVector
{
    public static byte[] Load(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "TestData", "vectors", name);
        return File.ReadLines(path)
            .Where(l => !l.StartsWith('#'))
            .SelectMany(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(h => byte.Parse(h, NumberStyles.HexNumber, CultureInfo.InvariantCulture))
            .ToArray();
    }
}
