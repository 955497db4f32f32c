namespace Vigil.Config;

/// <summary>
/// How the configuration reader reaches files (the main file, includes, script paths in <c>${_PWD}</c>).
/// Tests use an in-memory implementation; the daemon uses <see cref="PhysicalConfigFileSystem"/>.
/// Paths passed in are absolute.
/// </summary>
public interface IConfigFileSystem
{
    /// <summary>The directory relative paths on the command line are resolved against.</summary>
    string CurrentDirectory { get; }

    /// <summary>What is at <paramref name="path"/>: nothing, a file or a directory.</summary>
    ConfigPathKind GetKind(string path);

    /// <summary>Reads a whole file, or returns null with a reason (permission denied, I/O error).</summary>
    byte[]? TryReadAllBytes(string path, out string? error);

    /// <summary>The names (not paths) of the entries of a directory; empty when it cannot be listed.</summary>
    IReadOnlyList<string> ListDirectory(string path);
}

/// <summary>What a path names.</summary>
public enum ConfigPathKind
{
    Missing,
    File,
    Directory,
}
