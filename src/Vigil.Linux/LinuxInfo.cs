namespace Vigil.Linux;

/// <summary>Marker for the Linux adapter assembly.</summary>
public static class LinuxInfo
{
    public const string Name = "Vigil.Linux";
}
