using Vigil.Config;

namespace Vigil.Linux.Config;

/// <summary>The real file system. Reading files is not I/O in the sense Core bans (sockets, processes); this is the
/// plain BCL file API behind the <see cref="IConfigFileSystem"/> port so that the reader stays testable.</summary>
public sealed class PhysicalConfigFileSystem : IConfigFileSystem
{
    /// <summary>Files larger than this are refused rather than read into memory.</summary>
    public const long MaxFileBytes = 64L * 1024 * 1024;

    private readonly string? _currentDirectory;

    /// <summary>Uses the process's current directory for relative paths.</summary>
    public PhysicalConfigFileSystem()
    {
    }

    /// <summary>Resolves relative paths against <paramref name="currentDirectory"/> instead of the process's (tests run
    /// in parallel and must not change the process-wide current directory).</summary>
    public PhysicalConfigFileSystem(string currentDirectory)
    {
        _currentDirectory = currentDirectory;
    }

    public string CurrentDirectory => _currentDirectory ?? Directory.GetCurrentDirectory();

    public ConfigPathKind GetKind(string path) =>
        Directory.Exists(path) ? ConfigPathKind.Directory : File.Exists(path) ? ConfigPathKind.File : ConfigPathKind.Missing;

    public byte[]? TryReadAllBytes(string path, out string? error)
    {
        try
        {
            var info = new FileInfo(path);
            if (info.Length > MaxFileBytes)
            {
                error = $"file is larger than {MaxFileBytes / (1024 * 1024)} MB";
                return null;
            }

            error = null;
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error = e.Message;
            return null;
        }
    }

    public IReadOnlyList<string> ListDirectory(string path)
    {
        try
        {
            return Directory.EnumerateFileSystemEntries(path).Select(Path.GetFileName).OfType<string>().ToArray();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
