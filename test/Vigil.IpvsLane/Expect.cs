namespace Vigil.IpvsLane;

/// <summary>Assertions for the lane driver (no test framework inside the guest).</summary>
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
