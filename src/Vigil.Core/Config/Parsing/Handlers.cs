using Vigil.Config.Model;

namespace Vigil.Config.Parsing;

/// <summary>Small factories for the common shapes of keyword handlers.</summary>
internal static class Handlers
{
    public static ValueHandler<T> String<T>(Func<T, string, T> set) =>
        (ref T t, KeywordArgs a) =>
        {
            if (a.Require(1))
            {
                t = set(t, a[0]);
            }
        };

    public static ValueHandler<T> Int<T>(int min, int max, Func<T, int, T> set) =>
        (ref T t, KeywordArgs a) =>
        {
            if (a.Require(1) && a.TryInt(0, min, max, out int v))
            {
                t = set(t, v);
            }
        };

    public static ValueHandler<T> Timer<T>(double min, double max, Func<T, TimeSpan, T> set) =>
        (ref T t, KeywordArgs a) =>
        {
            if (a.Require(1) && a.TryTimer(0, min, max, out var v))
            {
                t = set(t, v);
            }
        };

    /// <summary>A keyword with an optional &lt;BOOL&gt; (bare = true).</summary>
    public static ValueHandler<T> Bool<T>(Func<T, bool, T> set) =>
        (ref T t, KeywordArgs a) =>
        {
            if (a.OptionalBool() is { } v)
            {
                t = set(t, v);
            }
        };

    /// <summary>
    /// An optional &lt;BOOL&gt; that keepalived 2.2.7 never rejects (virtual server <c>alpha</c>, <c>omega</c>, ...):
    /// a valid value is used, anything else means true.
    /// </summary>
    public static ValueHandler<T> LenientBool<T>(Func<T, bool, T> set) =>
        (ref T t, KeywordArgs a) => t = set(t, a.Count == 0 || (KeywordArgs.ParseBool(a[0]) ?? true));

    /// <summary>A keyword that takes no value (extra words are ignored, as keepalived does).</summary>
    public static ValueHandler<T> Set<T>(Func<T, T> set) => (ref T t, KeywordArgs a) => t = set(t);

    /// <summary>A script keyword <c>KW SCRIPT [user [group]]</c>.</summary>
    public static ValueHandler<T> Script<T>(Func<T, ScriptConfig, T> set) =>
        (ref T t, KeywordArgs a) =>
        {
            if (ScriptParser.WithUser(a) is { } s)
            {
                a.Context.NoteScript(a.Location);
                t = set(t, s);
            }
        };
}
