using System.Globalization;

namespace Vigil.Linux.Checkers;

/// <summary>
/// <c>track_file</c>'s <c>init_file [VALUE] [overwrite]</c>: at start, a missing file is created holding VALUE (default
/// 0); with <c>overwrite</c> an existing one is rewritten too. Observed with keepalived 2.2.7: the content is the value
/// and a newline ("12\n"), a new file has mode 0600, and an existing file without <c>overwrite</c> is left alone.
/// </summary>
public static class TrackFileInitializer
{
    /// <summary>Initialises <paramref name="path"/>; returns the error text when it cannot, else null.</summary>
    public static string? Apply(string path, long value, bool overwrite)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var text = value.ToString(CultureInfo.InvariantCulture) + "\n";
        try
        {
            var options = new FileStreamOptions
            {
                Mode = overwrite ? FileMode.Create : FileMode.CreateNew,
                Access = FileAccess.Write,
            };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using var stream = new FileStream(path, options);
            using var writer = new StreamWriter(stream);
            writer.Write(text);
            return null;
        }
        catch (IOException) when (!overwrite && File.Exists(path))
        {
            return null; // already there: kept as it is
        }
        catch (IOException e)
        {
            return e.Message;
        }
        catch (UnauthorizedAccessException e)
        {
            return e.Message;
        }
    }
}
