using System.Buffers.Binary;
using System.Net.Sockets;
using System.Security.Cryptography;
using Vigil.Checkers;

namespace Vigil.Linux.Checkers;

/// <summary>
/// <c>DNS_CHECK</c>: a UDP query for <c>name</c>/<c>type</c> on a connected socket (so an ICMP port
/// unreachable fails at once, as keepalived's "errno 111 (Connection refused)"); up when an answer with our
/// id, QR set and RCODE 0 arrives within connect_timeout. Datagrams with another id are ignored.
/// </summary>
public sealed class DnsProbe(ProbeTarget target, DnsCheckSettings settings, TimeProvider time) : IHealthProbe
{
    public async ValueTask<ProbeResult> ProbeAsync(ProbeContext context, CancellationToken cancellationToken)
    {
        var id = (ushort)KernelRandom.GetInt32(0, 65536);
        byte[] query;
        try
        {
            query = DnsMessage.BuildQuery(id, settings.Name, settings.Type);
        }
        catch (ArgumentException e)
        {
            return ProbeResult.Fail(ProbeVerdict.LocalError, e.Message);
        }

        using var deadline = new ProbeDeadline(context.Timeout, time, cancellationToken);
        try
        {
            using var socket = ProbeSockets.Create(target, SocketType.Dgram, ProtocolType.Udp);
            await socket.ConnectAsync(target.Remote, deadline.Token).ConfigureAwait(false);
            await socket.SendAsync(query, SocketFlags.None, deadline.Token).ConfigureAwait(false);
            var buffer = new byte[4096];
            while (true)
            {
                var n = await socket.ReceiveAsync(buffer, SocketFlags.None, deadline.Token).ConfigureAwait(false);
                switch (DnsMessage.CheckResponse(buffer.AsSpan(0, n), id))
                {
                    case DnsAnswerCheck.Ok:
                        return ProbeResult.Ok;
                    case DnsAnswerCheck.ErrorCode:
                        return ProbeResult.Fail(ProbeVerdict.BadReply, $"RCODE {BinaryPrimitives.ReadUInt16BigEndian(buffer.AsSpan(2)) & 0xF}");
                    case DnsAnswerCheck.NotAResponse:
                        return ProbeResult.Fail(ProbeVerdict.BadReply, "QR bit not set");
                    default:
                        continue;
                }
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return ProbeSockets.FromException(e, deadline.TimedOut);
        }
    }
}
