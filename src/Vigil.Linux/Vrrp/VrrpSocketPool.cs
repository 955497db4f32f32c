using System.Net;
using System.Net.Sockets;

namespace Vigil.Linux.Vrrp;

/// <summary>
/// Shares one <see cref="VrrpSocket"/> among the instances that use the same (interface, family, unicast source,
/// multicast group), as keepalived's socket pool does (reference §3.1): the first <see cref="Acquire"/> opens it
/// (in the calling thread's network namespace), the last <see cref="Release"/> closes it. Thread-safe.
/// </summary>
public sealed class VrrpSocketPool : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Interface, AddressFamily Family, IPAddress? Unicast, IPAddress Group), Entry> _sockets = [];

    /// <summary>Open sockets.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _sockets.Count;
            }
        }
    }

    /// <summary>
    /// The shared socket for these options, opened if needed. Options other than the key (unicast TTL, buffer
    /// size) come from the first caller; pass a per-instance TTL to <see cref="VrrpSocket.Send"/>.
    /// </summary>
    public VrrpSocket Acquire(VrrpSocketOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var key = (options.InterfaceName, options.Family, options.UnicastSource, options.Group);
        lock (_gate)
        {
            if (!_sockets.TryGetValue(key, out var entry))
            {
                entry = new Entry(VrrpSocket.Open(options));
                _sockets[key] = entry;
            }

            entry.References++;
            return entry.Socket;
        }
    }

    /// <summary>Drops one reference; closes the socket (ending its pending receive) when none is left.</summary>
    public void Release(VrrpSocket socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        lock (_gate)
        {
            foreach (var (key, entry) in _sockets)
            {
                if (ReferenceEquals(entry.Socket, socket))
                {
                    if (--entry.References == 0)
                    {
                        _sockets.Remove(key);
                        socket.Dispose();
                    }

                    return;
                }
            }
        }

        throw new InvalidOperationException("socket not from this pool, or released too often");
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var entry in _sockets.Values)
            {
                entry.Socket.Dispose();
            }

            _sockets.Clear();
        }
    }

    private sealed class Entry(VrrpSocket socket)
    {
        public VrrpSocket Socket { get; } = socket;

        public int References { get; set; }
    }
}
