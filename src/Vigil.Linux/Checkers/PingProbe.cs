using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Vigil.Checkers;

namespace Vigil.Linux.Checkers;

/// <summary>
/// <c>PING_CHECK</c>: one ICMP / ICMPv6 echo, answered within connect_timeout. Like keepalived it prefers an
/// unprivileged datagram ICMP socket (the kernel matches replies to the socket); where
/// <c>net.ipv4.ping_group_range</c> forbids that (the default in a new namespace) it uses a raw socket,
/// which needs CAP_NET_RAW. keepalived widens ping_group_range instead; Vigil does not change sysctls.
/// </summary>
public sealed class PingProbe(ProbeTarget target, TimeProvider time) : IHealthProbe
{
    private static int s_sequence;

    public async ValueTask<ProbeResult> ProbeAsync(ProbeContext context, CancellationToken cancellationToken)
    {
        var family = target.Family;
        var protocol = family == AddressFamily.InterNetworkV6 ? ProtocolType.IcmpV6 : ProtocolType.Icmp;
        var sequence = (ushort)Interlocked.Increment(ref s_sequence);
        var id = (ushort)KernelRandom.GetInt32(1, 65536);
        var payload = KernelRandom.GetBytes(32);
        using var deadline = new ProbeDeadline(context.Timeout, time, cancellationToken);
        Socket socket;
        bool raw;
        try
        {
            (socket, raw) = Open(protocol);
        }
        catch (SocketException e)
        {
            return ProbeResult.Fail(ProbeVerdict.LocalError, "ICMP socket: " + e.SocketErrorCode);
        }

        try
        {
            using (socket)
            {
                ProbeSockets.Apply(socket, target);
                var request = IcmpEcho.Request(family, id, sequence, payload);
                await socket.SendToAsync(request, SocketFlags.None, new IPEndPoint(target.Remote.Address, 0), deadline.Token).ConfigureAwait(false);
                var buffer = new byte[2048];
                EndPoint any = new IPEndPoint(family == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
                while (true)
                {
                    var r = await socket.ReceiveFromAsync(buffer, SocketFlags.None, any, deadline.Token).ConfigureAwait(false);
                    if (r.RemoteEndPoint is IPEndPoint from && !from.Address.Equals(target.Remote.Address))
                    {
                        continue;
                    }

                    var withIpHeader = raw && family == AddressFamily.InterNetwork;
                    if (IcmpEcho.IsReply(family, buffer.AsSpan(0, r.ReceivedBytes), withIpHeader, raw ? id : null, sequence, payload))
                    {
                        return ProbeResult.Ok;
                    }
                }
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return ProbeSockets.FromException(e, deadline.TimedOut);
        }
    }

    private (Socket Socket, bool Raw) Open(ProtocolType protocol)
    {
        try
        {
            return (new Socket(target.Family, SocketType.Dgram, protocol), false);
        }
        catch (SocketException)
        {
            return (new Socket(target.Family, SocketType.Raw, protocol), true);
        }
    }
}
