using System.Net.Sockets;
using System.Text;
using Vigil.Checkers;

namespace Vigil.Linux.Checkers;

/// <summary>
/// <c>SMTP_CHECK</c>: 220 greeting, <c>HELO helo_name</c> answered 250, then <c>QUIT</c> answered 221
/// (the dialogue keepalived 2.2.7 was seen to hold: HELO and QUIT only).
/// </summary>
public sealed class SmtpProbe(ProbeTarget target, string heloName, TimeProvider time) : IHealthProbe
{
    public async ValueTask<ProbeResult> ProbeAsync(ProbeContext context, CancellationToken cancellationToken)
    {
        using var deadline = new ProbeDeadline(context.Timeout, time, cancellationToken);
        try
        {
            using var socket = await ProbeSockets.ConnectTcpAsync(target, deadline.Token).ConfigureAwait(false);
            await using var stream = new NetworkStream(socket, ownsSocket: false);
            await using var input = new BufferedStream(stream, 1024);
            var banner = await SmtpReply.ReadAsync(input, deadline.Token).ConfigureAwait(false);
            if (banner != 220)
            {
                return ProbeResult.Fail(ProbeVerdict.ProtocolError, banner is null ? "closed before the greeting" : $"bad greeting banner {banner}");
            }

            await stream.WriteAsync(Encoding.ASCII.GetBytes($"HELO {heloName}\r\n"), deadline.Token).ConfigureAwait(false);
            var helo = await SmtpReply.ReadAsync(input, deadline.Token).ConfigureAwait(false);
            if (helo != 250)
            {
                return ProbeResult.Fail(ProbeVerdict.ProtocolError, helo is null ? "closed after HELO" : $"HELO answered {helo}");
            }

            await stream.WriteAsync("QUIT\r\n"u8.ToArray(), deadline.Token).ConfigureAwait(false);
            var quit = await SmtpReply.ReadAsync(input, deadline.Token).ConfigureAwait(false);
            return quit == 221 ? ProbeResult.Ok : ProbeResult.Fail(ProbeVerdict.ProtocolError, quit is null ? "closed after QUIT" : $"QUIT answered {quit}");
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return ProbeSockets.FromException(e, deadline.TimedOut);
        }
    }
}
