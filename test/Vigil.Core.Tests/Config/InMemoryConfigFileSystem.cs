using System.Text;

namespace Vigil.Config.Tests;

/// <summary>An in-memory file tree for configuration tests. Paths are absolute; the current directory is /etc/keepalived.</summary>
internal sealed class InMemoryConfigFileSystem : IConfigFileSystem
{
    private readonly Dictionary<string, byte[]> _files = new(StringComparer.Ordinal);
    private readonly HashSet<string> _unreadable = new(StringComparer.Ordinal);

    public string CurrentDirectory { get; set; } = "/etc/keepalived";

    public int Reads { get; private set; }

    public InMemoryConfigFileSystem Add(string path, string text) => Add(path, Encoding.UTF8.GetBytes(text));

    public InMemoryConfigFileSystem Add(string path, byte[] content)
    {
        _files[Absolute(path)] = content;
        return this;
    }

    public InMemoryConfigFileSystem Unreadable(string path)
    {
        _unreadable.Add(Absolute(path));
        return this;
    }

    private string Absolute(string path) => path.StartsWith('/') ? path : Path.GetFullPath(Path.Combine(CurrentDirectory, path));

    public ConfigPathKind GetKind(string path)
    {
        path = path.TrimEnd('/');
        if (_files.ContainsKey(path))
        {
            return ConfigPathKind.File;
        }

        var prefix = path + "/";
        return path.Length == 0 || _files.Keys.Any(k => k.StartsWith(prefix, StringComparison.Ordinal)) ? ConfigPathKind.Directory : ConfigPathKind.Missing;
    }

    public byte[]? TryReadAllBytes(string path, out string? error)
    {
        Reads++;
        if (_unreadable.Contains(path))
        {
            error = "Permission denied";
            return null;
        }

        if (_files.TryGetValue(path, out var content))
        {
            error = null;
            return content;
        }

        error = "No such file or directory";
        return null;
    }

    public IReadOnlyList<string> ListDirectory(string path)
    {
        var prefix = path.TrimEnd('/') + "/";
        return _files.Keys
            .Where(k => k.StartsWith(prefix, StringComparison.Ordinal))
            .Select(k => k[prefix.Length..].Split('/')[0])
            .Distinct()
            .ToList();
    }
}
