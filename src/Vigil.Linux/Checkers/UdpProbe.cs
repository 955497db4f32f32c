using System.Net.Sockets;
using System.Security.Cryptography;
using Vigil.Checkers;

namespace Vigil.Linux.Checkers;

/// <summary>
/// <c>UDP_CHECK</c> on a connected socket: sends <c>payload</c> (random when absent). An ICMP unreachable
/// fails the check. Without <c>require_reply</c> the check succeeds when no error arrives within
/// connect_timeout (or any reply arrives); with it a reply must arrive, its length within
/// [min_reply_length, max_reply_length] and matching the hex pattern over the shorter length.
/// </summary>
public sealed class UdpProbe(ProbeTarget target, UdpCheckSettings settings, TimeProvider time) : IHealthProbe
{
    public async ValueTask<ProbeResult> ProbeAsync(ProbeContext context, CancellationToken cancellationToken)
    {
        var payload = settings.Payload.IsDefaultOrEmpty ? KernelRandom.GetBytes(16) : settings.Payload.ToArray();
        using var deadline = new ProbeDeadline(context.Timeout, time, cancellationToken);
        try
        {
            using var socket = ProbeSockets.Create(target, SocketType.Dgram, ProtocolType.Udp);
            await socket.ConnectAsync(target.Remote, deadline.Token).ConfigureAwait(false);
            await socket.SendAsync(payload, SocketFlags.None, deadline.Token).ConfigureAwait(false);
            var buffer = new byte[65536];
            int n;
            try
            {
                n = await socket.ReceiveAsync(buffer, SocketFlags.None, deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (deadline.TimedOut && !settings.RequireReply)
            {
                // Silence is success: only an ICMP error says the port is closed.
                return ProbeResult.Ok;
            }

            if (!settings.RequireReply)
            {
                return ProbeResult.Ok;
            }

            if (n < settings.MinReplyLength || n > settings.MaxReplyLength)
            {
                return ProbeResult.Fail(ProbeVerdict.BadReply, $"reply length {n} outside [{settings.MinReplyLength}, {settings.MaxReplyLength}]");
            }

            if (settings.ReplyPattern is { } pattern && !pattern.Matches(buffer.AsSpan(0, n)))
            {
                return ProbeResult.Fail(ProbeVerdict.BadReply, "reply does not match require_reply");
            }

            return ProbeResult.Ok;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return ProbeSockets.FromException(e, deadline.TimedOut);
        }
    }
}
