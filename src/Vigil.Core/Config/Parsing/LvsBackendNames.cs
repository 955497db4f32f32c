using Vigil.Lb;

namespace Vigil.Config.Parsing;

/// <summary>The words of <c>lvs_backend</c> (global_defs) and <c>--lvs-backend</c>.</summary>
public static class LvsBackendNames
{
    public static IReadOnlyList<string> All { get; } = ["ipvs", "nftables", "auto"];

    public static bool TryParse(string text, out LbBackendKind kind)
    {
        ArgumentNullException.ThrowIfNull(text);
        switch (text)
        {
            case "ipvs":
                kind = LbBackendKind.Ipvs;
                return true;
            case "nftables":
                kind = LbBackendKind.Nftables;
                return true;
            case "auto":
                kind = LbBackendKind.Auto;
                return true;
            default:
                kind = LbBackendKind.Auto;
                return false;
        }
    }

    /// <summary>A did-you-mean for a bad value, or null.</summary>
    public static string? Suggest(string text) => DidYouMean.Suggest(text, All);
}
