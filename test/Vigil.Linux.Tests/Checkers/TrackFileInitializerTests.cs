namespace Vigil.Linux.Checkers.Tests;

/// <summary><c>init_file</c> as keepalived 2.2.7 did it (observed: "0\n", "12\n", "-3\n", mode 0600).</summary>
public sealed class TrackFileInitializerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("vigil-initfile-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void MissingFile_IsCreatedWithTheValueAndANewline_Mode0600()
    {
        var path = Path.Combine(_dir, "tf");

        Assert.Null(TrackFileInitializer.Apply(path, 12, overwrite: false));

        Assert.Equal("12\n", File.ReadAllText(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    [Fact]
    public void ExistingFile_IsKept_WithoutOverwrite()
    {
        var path = Path.Combine(_dir, "tf");
        File.WriteAllText(path, "7\n");

        Assert.Null(TrackFileInitializer.Apply(path, 0, overwrite: false));

        Assert.Equal("7\n", File.ReadAllText(path));
    }

    [Fact]
    public void ExistingFile_IsRewritten_WithOverwrite()
    {
        var path = Path.Combine(_dir, "tf");
        File.WriteAllText(path, "7000\n");

        Assert.Null(TrackFileInitializer.Apply(path, -3, overwrite: true));

        Assert.Equal("-3\n", File.ReadAllText(path));
    }

    [Fact]
    public void MissingDirectory_IsAnError_NotAnException()
    {
        var error = TrackFileInitializer.Apply(Path.Combine(_dir, "no", "such", "tf"), 1, overwrite: false);

        Assert.NotNull(error);
    }
}
