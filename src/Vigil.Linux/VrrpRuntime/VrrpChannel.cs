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
    /// <summary>What <see cref="ReceiveUntilErrorAsync"/> returns when the socket was closed on purpose.</summary>
    public const string Interrupted = "\0interrupted";

    private readonly Lock _gate = new();
    private volatile VrrpSocket? _socket;
    private volatile string? _lastError;
    private volatile bool _suspended;
    private TaskCompletionSource _resumed = NewSignal(set: true);

    public VrrpSocketOptions Options { get; } = options;

    public ImmutableArray<string> InstanceNames { get; } = instanceNames;

    /// <summary>The open socket, or null while it cannot be opened.</summary>
    public VrrpSocket? Socket => _socket;

    /// <summary>Why the socket is not open.</summary>
    public string? LastError => _lastError;

    /// <summary>True between <see cref="Suspend"/> and <see cref="Resume"/>: the socket is closed on purpose.</summary>
    public bool IsSuspended => _suspended;

    /// <summary>Opens the socket if needed. Returns the error text when it cannot be opened.</summary>
    public string? TryOpen()
    {
        lock (_gate)
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
    }

    /// <summary>
    /// Closes the socket on purpose (its interface was deleted): the receive loop ends with <see cref="Interrupted"/>
    /// instead of an error, and waits for <see cref="Resume"/> rather than retrying.
    /// </summary>
    public void Suspend()
    {
        lock (_gate)
        {
            if (!_suspended)
            {
                _suspended = true;
                _resumed = NewSignal(set: false);
            }

            CloseLocked();
        }
    }

    /// <summary>Ends a <see cref="Suspend"/> and opens the socket now; returns the error text when it cannot.</summary>
    public string? Resume()
    {
        lock (_gate)
        {
            _suspended = false;
            _resumed.TrySetResult();
            return TryOpen();
        }
    }

    /// <summary>Completes when the channel is not (or no longer) suspended.</summary>
    public Task WaitResumedAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return _resumed.Task.WaitAsync(cancellationToken);
        }
    }

    private static TaskCompletionSource NewSignal(bool set)
    {
        var tcs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (set)
        {
            tcs.SetResult();
        }

        return tcs;
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
            if (cancellationToken.IsCancellationRequested)
            {
                return null;
            }

            // Replaced or suspended on purpose (Suspend, then Resume), not broken.
            return _suspended || (_socket is { } now && !ReferenceEquals(now, socket)) ? Interrupted : "socket closed";
        }
        catch (ErrnoException e)
        {
            return Failed(socket, e.Message);
        }
        catch (SocketException e)
        {
            return Failed(socket, e.Message);
        }
    }

    private string Failed(VrrpSocket socket, string error)
    {
        lock (_gate)
        {
            if (_suspended || !ReferenceEquals(_socket, socket))
            {
                return Interrupted; // the interface went away under it; a newer socket (or none, on purpose) is current
            }

            CloseLocked();
            return _lastError = error;
        }
    }

    /// <summary>Closes the socket (it is reopened by the next <see cref="TryOpen"/>).</summary>
    public void Close()
    {
        lock (_gate)
        {
            CloseLocked();
        }
    }

    private void CloseLocked()
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
