using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;
using Vigil.Linux.Interop;
using Vigil.Linux.Vrrp;
using Vigil.Vrrp.Packet;

namespace Vigil.Linux.VrrpRuntime;

/// <summary>
/// One VRRP socket (interface, family, unicast source or multicast group) shared by the instances that use it, with
/// its receive loop. Opening fails while the interface is missing; a failed or broken socket is reopened every
/// <c>retry</c>, and the instances are told (FAULT while it is down), so a socket error never ends the daemon.
/// </summary>
internal sealed class VrrpChannel(VrrpSocketOptions options, ImmutableArray<string> instanceNames)
{
    private volatile VrrpSocket? _socket;
    private volatile string? _lastError;

    public VrrpSocketOptions Options { get; } = options;

    public ImmutableArray<string> InstanceNames { get; } = instanceNames;

    /// <summary>The open socket, or null while it cannot be opened.</summary>
    public VrrpSocket? Socket => _socket;

    /// <summary>Why the socket is not open.</summary>
    public string? LastError => _lastError;

    /// <summary>Opens the socket if needed. Returns the error text when it cannot be opened.</summary>
    public string? TryOpen()
    {
        if (_socket is not null)
        {
            return null;
        }

        try
        {
            _socket = VrrpSocket.Open(Options);
            _lastError = null;
            return null;
        }
        catch (ErrnoException e)
        {
            return _lastError = e.Message;
        }
        catch (SocketException e)
        {
            return _lastError = e.Message;
        }
    }

    /// <summary>Receives until the socket fails or <paramref name="cancellationToken"/> fires; returns the failure.</summary>
    public async Task<string?> ReceiveUntilErrorAsync(Action<ReadOnlyMemory<byte>, VrrpReceiveMeta> deliver, CancellationToken cancellationToken)
    {
        var socket = _socket;
        if (socket is null)
        {
            return _lastError;
        }

        var buffer = new byte[65536];
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var d = await socket.ReceiveAsync(buffer, cancellationToken).ConfigureAwait(false);
                var meta = new VrrpReceiveMeta(Options.InterfaceName, Strip(d.Source), d.Destination, (byte)Math.Clamp(d.HopLimit, 0, 255), !IsMulticast(d.Destination))
                {
                    IpHeaderLength = d.IpHeaderLength > 0 ? d.IpHeaderLength : 40,
                    IpTotalLength = d.IpTotalLength > 0 ? d.IpTotalLength : null,
                };
                deliver(d.Payload, meta);
            }

            return null;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
        catch (ObjectDisposedException)
        {
            return cancellationToken.IsCancellationRequested ? null : "socket closed";
        }
        catch (ErrnoException e)
        {
            Close();
            return _lastError = e.Message;
        }
        catch (SocketException e)
        {
            Close();
            return _lastError = e.Message;
        }
    }

    /// <summary>Closes the socket (it is reopened by the next <see cref="TryOpen"/>).</summary>
    public void Close()
    {
        var s = _socket;
        _socket = null;
        s?.Dispose();
    }

    private static IPAddress Strip(IPAddress a) =>
        a.AddressFamily == AddressFamily.InterNetworkV6 && a.ScopeId != 0 ? new IPAddress(a.GetAddressBytes()) : a;

    private static bool IsMulticast(IPAddress a) => a.AddressFamily == AddressFamily.InterNetworkV6
        ? a.IsIPv6Multicast
        : (a.GetAddressBytes()[0] & 0xF0) == 0xE0;
}
