using System.Globalization;
using System.Text;

namespace Vigil.Linux.Scripts;

/// <summary>Resolves <c>script_user USER [GROUP]</c> through NSS (getpwnam_r / getgrnam_r), numbers accepted.</summary>
public static class ScriptUser
{
    /// <summary>Returns (uid, gid) or an error text.</summary>
    public static (uint Uid, uint Gid)? Resolve(string user, string? group, out string? error)
    {
        ArgumentException.ThrowIfNullOrEmpty(user);
        error = null;
        uint uid;
        uint primaryGid;
        if (uint.TryParse(user, NumberStyles.None, CultureInfo.InvariantCulture, out var numericUid))
        {
            uid = numericUid;
            primaryGid = LookupUid(numericUid) ?? numericUid;
        }
        else if (LookupUser(user) is { } pw)
        {
            (uid, primaryGid) = pw;
        }
        else
        {
            error = $"unknown user '{user}'";
            return null;
        }

        if (string.IsNullOrEmpty(group))
        {
            return (uid, primaryGid);
        }

        if (uint.TryParse(group, NumberStyles.None, CultureInfo.InvariantCulture, out var numericGid))
        {
            return (uid, numericGid);
        }

        if (LookupGroup(group) is { } gid)
        {
            return (uid, gid);
        }

        error = $"unknown group '{group}'";
        return null;
    }

    private static unsafe (uint Uid, uint Gid)? LookupUser(string name)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name + "\0");
        var buffer = new byte[16384];
        ProcessInterop.Passwd pwd;
        ProcessInterop.Passwd* result = null;
        fixed (byte* n = nameBytes)
        fixed (byte* b = buffer)
        {
            if (ProcessInterop.GetPwNamR(n, &pwd, b, (nuint)buffer.Length, &result) != 0 || result == null)
            {
                return null;
            }

            return (pwd.pw_uid, pwd.pw_gid);
        }
    }

    private static unsafe uint? LookupUid(uint uid)
    {
        var buffer = new byte[16384];
        ProcessInterop.Passwd pwd;
        ProcessInterop.Passwd* result = null;
        fixed (byte* b = buffer)
        {
            if (ProcessInterop.GetPwUidR(uid, &pwd, b, (nuint)buffer.Length, &result) != 0 || result == null)
            {
                return null;
            }

            return pwd.pw_gid;
        }
    }

    private static unsafe uint? LookupGroup(string name)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name + "\0");
        var buffer = new byte[65536];
        ProcessInterop.Group grp;
        ProcessInterop.Group* result = null;
        fixed (byte* n = nameBytes)
        fixed (byte* b = buffer)
        {
            if (ProcessInterop.GetGrNamR(n, &grp, b, (nuint)buffer.Length, &result) != 0 || result == null)
            {
                return null;
            }

            return grp.gr_gid;
        }
    }
}
