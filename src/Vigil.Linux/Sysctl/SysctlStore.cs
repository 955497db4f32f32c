using System.Globalization;
using Vigil.Linux.Interop;

namespace Vigil.Linux.Sysctl;

/// <summary>
/// Reads and writes kernel parameters under /proc/sys, remembering the first value it replaced at each path so
/// everything can be put back on exit (keepalived restores what it changed for use_vmac; reference §3.7, §3.9).
/// Paths are relative and slash-separated ("net/ipv4/conf/vrrp.51/arp_ignore"): interface names may contain
/// dots, so the dotted sysctl(8) form is not used. /proc/sys/net shows the network namespace of the calling
/// thread, so use the store from the thread (or <see cref="NetNamespace.Run{T}"/>) that owns the namespace.
/// Not thread-safe; failures are <see cref="ErrnoException"/> (ENOENT for a missing interface).
/// </summary>
public sealed class SysctlStore
{
    private readonly string _root;
    private readonly List<(string Path, string Original)> _saved = [];

    public SysctlStore(string root = "/proc/sys") => _root = root;

    /// <summary>Paths changed through <see cref="Set"/> and not yet restored, with their original values, oldest first.</summary>
    public IReadOnlyList<(string Path, string Original)> Saved => _saved;

    public static string Ipv4Conf(string interfaceName, string parameter) => $"net/ipv4/conf/{CheckName(interfaceName)}/{parameter}";

    public static string Ipv6Conf(string interfaceName, string parameter) => $"net/ipv6/conf/{CheckName(interfaceName)}/{parameter}";

    public bool Exists(string path) => File.Exists(Full(path));

    /// <summary>The value (trimmed), or null when the parameter does not exist (e.g. the interface is gone).</summary>
    public string? Read(string path)
    {
        try
        {
            return File.ReadAllText(Full(path)).Trim();
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    public int? ReadInt(string path) =>
        Read(path) is { } s && int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;

    /// <summary>Writes without bookkeeping.</summary>
    public void Write(string path, string value)
    {
        try
        {
            File.WriteAllText(Full(path), value + "\n");
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ErrnoException($"write sysctl {path}", Errno.ENOENT);
        }
        catch (UnauthorizedAccessException)
        {
            throw new ErrnoException($"write sysctl {path}", Errno.EACCES);
        }
        catch (IOException e)
        {
            throw new ErrnoException($"write sysctl {path}", Errno.EIO, e.Message);
        }
    }

    /// <summary>
    /// Sets a parameter, remembering its original value the first time this path is changed. It always writes, even
    /// an unchanged value: the kernel copies a later write of conf/default/X to every interface whose X was never
    /// written explicitly (devinet "copy default"), which would silently undo an unwritten setting.
    /// </summary>
    public void Set(string path, string value)
    {
        var current = Read(path) ?? throw new ErrnoException($"read sysctl {path}", Errno.ENOENT);
        if (!_saved.Exists(s => s.Path == path))
        {
            _saved.Add((path, current));
        }

        Write(path, value);
    }

    public void Set(string path, int value) => Set(path, value.ToString(CultureInfo.InvariantCulture));

    /// <summary>Puts one path back to its original value; false if it was not changed by this store.</summary>
    public bool Restore(string path)
    {
        var i = _saved.FindIndex(s => s.Path == path);
        if (i < 0)
        {
            return false;
        }

        var original = _saved[i].Original;
        _saved.RemoveAt(i);
        if (Exists(path))
        {
            Write(path, original);
        }

        return true;
    }

    /// <summary>
    /// Restores every saved value, newest first. Parameters whose interface has gone are skipped; failures do not
    /// stop the others and are returned.
    /// </summary>
    public IReadOnlyList<ErrnoException> RestoreAll()
    {
        var failures = new List<ErrnoException>();
        for (var i = _saved.Count - 1; i >= 0; i--)
        {
            var (path, original) = _saved[i];
            try
            {
                if (Exists(path))
                {
                    Write(path, original);
                }
            }
            catch (ErrnoException e)
            {
                failures.Add(e);
            }
        }

        _saved.Clear();
        return failures;
    }

    /// <summary>Interface directories under net/ipv4/conf (without "all" and "default").</summary>
    public IReadOnlyList<string> Ipv4Interfaces()
    {
        var dir = Full("net/ipv4/conf");
        return Directory.Exists(dir)
            ? Directory.GetDirectories(dir).Select(Path.GetFileName).Where(n => n is not (null or "all" or "default")).Select(n => n!).Order(StringComparer.Ordinal).ToList()
            : [];
    }

    private string Full(string path)
    {
        if (path.Length == 0 || path.StartsWith('/') || path.Split('/').Any(p => p is "" or "." or ".."))
        {
            throw new ArgumentException($"invalid sysctl path '{path}'", nameof(path));
        }

        return Path.Combine(_root, path);
    }

    private static string CheckName(string name) =>
        string.IsNullOrEmpty(name) || name.Length > 15 || name.Contains('/') || name is "." or ".."
            ? throw new ArgumentException($"invalid interface name '{name}'", nameof(name))
            : name;
}
