using System.Globalization;

namespace Vigil.Linux.Checkers;

/// <summary>
/// Watches the files of <c>track_file</c> blocks used by FILE_CHECK and reports each file's value when it
/// changes: inotify through <see cref="FileSystemWatcher"/> on the file's directory, plus a slow poll on
/// the injected clock as a safety net (a directory created later, an event lost to queue overflow).
/// A missing or unreadable file reports null (the checker treats it as 0).
/// </summary>
public sealed class TrackFileMonitor : IDisposable
{
    private readonly object _gate = new();
    private readonly Dictionary<string, string> _files;
    private readonly Action<string, long?> _report;
    private readonly TimeProvider _time;
    private readonly TimeSpan _pollInterval;
    private readonly Dictionary<string, long?> _last = new(StringComparer.Ordinal);
    private readonly List<FileSystemWatcher> _watchers = [];
    private ITimer? _poll;
    private bool _disposed;

    /// <param name="files">track_file name → file path.</param>
    /// <param name="report">Called with (name, value) on every change, never concurrently.</param>
    public TrackFileMonitor(IReadOnlyDictionary<string, string> files, Action<string, long?> report, TimeProvider time, TimeSpan? pollInterval = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(time);
        _files = new Dictionary<string, string>(files, StringComparer.Ordinal);
        _report = report;
        _time = time;
        _pollInterval = pollInterval ?? TimeSpan.FromSeconds(5);
    }

    /// <summary>Reads every file once (reporting its value) and starts watching.</summary>
    public void Start()
    {
        foreach (var dir in _files.Values.Select(p => Path.GetDirectoryName(Path.GetFullPath(p)) ?? "/").Distinct(StringComparer.Ordinal))
        {
            try
            {
                var names = _files.Values.Where(p => (Path.GetDirectoryName(Path.GetFullPath(p)) ?? "/") == dir).Select(Path.GetFileName).ToHashSet(StringComparer.Ordinal);
                var watcher = new FileSystemWatcher(dir)
                {
                    NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
                    IncludeSubdirectories = false,
                };
                FileSystemEventHandler changed = (_, e) =>
                {
                    if (names.Contains(e.Name))
                    {
                        ReadAll();
                    }
                };
                watcher.Changed += changed;
                watcher.Created += changed;
                watcher.Deleted += changed;
                watcher.Renamed += (_, e) =>
                {
                    if (names.Contains(e.Name) || names.Contains(e.OldName))
                    {
                        ReadAll();
                    }
                };
                watcher.Error += (_, _) => ReadAll();
                watcher.EnableRaisingEvents = true;
                lock (_gate)
                {
                    _watchers.Add(watcher);
                }
            }
            catch (Exception e) when (e is ArgumentException or IOException or PlatformNotSupportedException)
            {
                // The directory does not exist (yet): the poll below covers it.
            }
        }

        ReadAll();
        lock (_gate)
        {
            if (!_disposed)
            {
                _poll = _time.CreateTimer(static s => ((TrackFileMonitor)s!).ReadAll(), this, _pollInterval, _pollInterval);
            }
        }
    }

    /// <summary>keepalived reads a number in text: leading blanks, an optional sign, digits; anything else is 0.</summary>
    public static long ParseValue(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var s = text.AsSpan().TrimStart();
        var end = 0;
        if (end < s.Length && s[end] is '+' or '-')
        {
            end++;
        }

        var digitsStart = end;
        while (end < s.Length && char.IsAsciiDigit(s[end]))
        {
            end++;
        }

        if (end == digitsStart)
        {
            return 0;
        }

        if (long.TryParse(s[..end], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v))
        {
            return v;
        }

        return s[0] == '-' ? long.MinValue : long.MaxValue;
    }

    public static long? ReadValue(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            var buffer = new char[64];
            var n = reader.ReadBlock(buffer, 0, buffer.Length);
            return ParseValue(new string(buffer, 0, n));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _poll?.Dispose();
            foreach (var w in _watchers)
            {
                w.Dispose();
            }

            _watchers.Clear();
        }
    }

    private void ReadAll()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            foreach (var (name, path) in _files)
            {
                var value = ReadValue(path);
                if (_last.TryGetValue(name, out var previous) && previous == value)
                {
                    continue;
                }

                _last[name] = value;
                try
                {
                    _report(name, value);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    // The consumer's problem; the monitor keeps watching.
                }
            }
        }
    }
}
