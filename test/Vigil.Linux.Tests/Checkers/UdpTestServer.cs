using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Vigil.Linux.Checkers.Tests;

/// <summary>A UDP server; <paramref name="answer"/> maps a request to a reply (null = stay silent).</summary>
public sealed class UdpTestServer : IDisposable
{
    private readonly Socket _socket;
    private readonly CancellationTokenSource _stop = new();

    public UdpTestServer(IPAddress address, Func<byte[], byte[]?> answer)
    {
        _socket = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        _socket.Bind(new IPEndPoint(address, 0));
        Port = ((IPEndPoint)_socket.LocalEndPoint!).Port;
        _ = Loop(answer);
    }

    public int Port { get; }

    public ConcurrentQueue<byte[]> Received { get; } = new();

    public void Dispose()
    {
        _stop.Cancel();
        _socket.Dispose();
    }

    private async Task Loop(Func<byte[], byte[]?> answer)
    {
        var buf = new byte[65536];
        EndPoint any = new IPEndPoint(_socket.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        while (!_stop.IsCancellationRequested)
        {
            SocketReceiveFromResult r;
            try
            {
                r = await _socket.ReceiveFromAsync(buf, SocketFlags.None, any, _stop.Token);
            }
            catch (Exception)
            {
                return;
            }

            var req = buf.AsSpan(0, r.ReceivedBytes).ToArray();
            Received.Enqueue(req);
            if (answer(req) is { } reply)
            {
                await _socket.SendToAsync(reply, SocketFlags.None, r.RemoteEndPoint);
            }
        }
    }
}
