namespace Vigil;

/// <summary>Product identity shared by every part of Vigil.</summary>
public static class VigilInfo
{
    public const string Name = "Vigil";

    /// <summary>The keepalived release whose behaviour, wire format and configuration Vigil matches.</summary>
    public const string CompatibleKeepalivedVersion = "2.2.7";

    public static string Version =>
        typeof(VigilInfo).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
}
