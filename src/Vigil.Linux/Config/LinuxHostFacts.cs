using System.Globalization;
using System.Net;
using System.Text;
using Vigil.Config;
using Vigil.Linux.Interop;

namespace Vigil.Linux.Config;

/// <summary>
/// Host facts for configuration validation, asked from the calling thread: interfaces through if_nametoindex(3) (which
/// answers for the calling thread's network namespace, unlike /sys/class/net), accounts from /etc/passwd and
/// /etc/group, file ownership through statx(2).
/// </summary>
public sealed class LinuxHostFacts : IHostFacts
{
    private readonly string _passwdPath;
    private readonly string _groupPath;
    private List<string[]>? _passwd;
    private List<string[]>? _group;

    public LinuxHostFacts()
        : this("/etc/passwd", "/etc/group")
    {
    }

    /// <summary>Test seam: alternative account databases.</summary>
    public LinuxHostFacts(string passwdPath, string groupPath)
    {
        _passwdPath = passwdPath;
        _groupPath = groupPath;
    }

    public string HostName => Environment.MachineName;

    public unsafe bool InterfaceExists(string name)
    {
        if (name.Length is 0 or > 15 || name.Contains('\0') || name.Contains('/'))
        {
            return false;
        }

        var bytes = Encoding.UTF8.GetBytes(name + "\0");
        fixed (byte* p = bytes)
        {
            return Libc.IfNameToIndex(p) != 0;
        }
    }

    public (int Uid, int Gid)? ResolveAccount(string user, string? group)
    {
        _passwd ??= Read(_passwdPath);
        _group ??= Read(_groupPath);
        // A name, or a numeric uid (its primary group then comes from passwd, or equals the uid when unknown).
        var entry = _passwd.FirstOrDefault(f => f.Length >= 4 && f[0] == user);
        if (entry is null && int.TryParse(user, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            entry = _passwd.FirstOrDefault(f => f.Length >= 4 && f[2] == user) ?? [user, "x", user, user];
        }

        if (entry is null || !int.TryParse(entry[2], NumberStyles.None, CultureInfo.InvariantCulture, out var uid) ||
            !int.TryParse(entry[3], NumberStyles.None, CultureInfo.InvariantCulture, out var gid))
        {
            return null;
        }

        if (group is not null)
        {
            var g = _group.FirstOrDefault(f => f.Length >= 3 && f[0] == group);
            if (g is not null && int.TryParse(g[2], NumberStyles.None, CultureInfo.InvariantCulture, out var named))
            {
                gid = named;
            }
            else if (int.TryParse(group, NumberStyles.None, CultureInfo.InvariantCulture, out var numeric))
            {
                gid = numeric;
            }
            else
            {
                return null;
            }
        }

        return (uid, gid);
    }

    private static List<string[]> Read(string path)
    {
        try
        {
            return File.ReadLines(path).Where(l => l.Length > 0 && l[0] != '#').Select(l => l.Split(':')).ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    public unsafe HostFileFacts? GetFileFacts(string path)
    {
        if (path.Length == 0 || path.Contains('\0'))
        {
            return null;
        }

        var name = Encoding.UTF8.GetBytes(path + "\0");
        var buf = stackalloc byte[Libc.StatXSize];
        fixed (byte* p = name)
        {
            if (Libc.StatX(Libc.AT_FDCWD, p, 0, Libc.STATX_BASIC_STATS, buf) != 0)
            {
                return null;
            }
        }

        var uid = *(int*)(buf + Libc.StatXUidOffset);
        var gid = *(int*)(buf + Libc.StatXGidOffset);
        var mode = *(ushort*)(buf + Libc.StatXModeOffset);
        const int S_IFMT = 0xf000, S_IFDIR = 0x4000;
        return new HostFileFacts(uid, gid, (UnixFileMode)(mode & 0xfff), (mode & S_IFMT) == S_IFDIR);
    }

    public string? GetEnvironmentVariable(string name) => Environment.GetEnvironmentVariable(name);

    public bool CanResolveHostName(string name)
    {
        try
        {
            // Blocking on purpose: getaddrinfo must run on this thread to resolve inside this thread's namespace.
            return Dns.GetHostAddresses(name).Length > 0;
        }
        catch (Exception e) when (e is System.Net.Sockets.SocketException or ArgumentException)
        {
            return false;
        }
    }
}
