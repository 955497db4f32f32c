using System.Net;
using System.Net.Sockets;
using System.Text;
using Vigil.Checkers;

namespace Vigil.Linux.Checkers;

/// <summary>Socket set-up shared by the probes, and the mapping of socket errors to named verdicts.</summary>
internal static class ProbeSockets
{
    // <asm-generic/socket.h>
    private const int SOL_SOCKET = 1;
    private const int SO_BINDTODEVICE = 25;
    private const int SO_MARK = 36;

    /// <summary>A socket with bind_if, fwmark and bindto/bind_port applied (throws SocketException when refused).</summary>
    public static Socket Create(ProbeTarget target, SocketType type, ProtocolType protocol)
    {
        var socket = new Socket(target.Family, type, protocol);
        try
        {
            Apply(socket, target);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public static void Apply(Socket socket, ProbeTarget target)
    {
        if (target.BindInterface is { Length: > 0 } ifName)
        {
            socket.SetRawSocketOption(SOL_SOCKET, SO_BINDTODEVICE, Encoding.ASCII.GetBytes(ifName + "\0"));
        }

        if (target.FwMark is uint mark)
        {
            socket.SetRawSocketOption(SOL_SOCKET, SO_MARK, BitConverter.GetBytes(mark));
        }

        if (target.BindTo is not null || target.BindPort is not null)
        {
            if (target.BindPort is > 0)
            {
                socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            }

            var any = target.Family == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any;
            socket.Bind(new IPEndPoint(target.BindTo ?? any, target.BindPort ?? 0));
        }
    }

    /// <summary>Connects a TCP socket for <paramref name="target"/>; the token carries the timeout.</summary>
    public static async ValueTask<Socket> ConnectTcpAsync(ProbeTarget target, CancellationToken cancellationToken)
    {
        var socket = Create(target, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.NoDelay = true;
            await socket.ConnectAsync(target.Remote, cancellationToken).ConfigureAwait(false);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public static ProbeVerdict Verdict(SocketError error) => error switch
    {
        SocketError.ConnectionRefused => ProbeVerdict.ConnectionRefused,
        SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.HostDown or SocketError.NetworkDown
            or SocketError.HostNotFound or SocketError.AddressNotAvailable => ProbeVerdict.Unreachable,
        SocketError.TimedOut => ProbeVerdict.Timeout,
        SocketError.ConnectionReset or SocketError.ConnectionAborted or SocketError.Shutdown or SocketError.NotConnected => ProbeVerdict.ConnectionReset,
        _ => ProbeVerdict.LocalError,
    };

    /// <summary>Turns what a probe threw into its result: timeouts, socket errors and peer hang-ups are verdicts.</summary>
    public static ProbeResult FromException(Exception e, bool timedOut) => e switch
    {
        OperationCanceledException => ProbeResult.Fail(ProbeVerdict.Timeout, timedOut ? "timeout" : "cancelled"),
        SocketException se => ProbeResult.Fail(Verdict(se.SocketErrorCode), se.SocketErrorCode.ToString()),
        IOException { InnerException: SocketException se } => ProbeResult.Fail(Verdict(se.SocketErrorCode), se.SocketErrorCode.ToString()),
        ResponseTooLargeException big => ProbeResult.Fail(ProbeVerdict.ResponseTooLarge, big.Message),
        System.Security.Authentication.AuthenticationException ae => ProbeResult.Fail(ProbeVerdict.TlsError, ae.Message),
        IOException io => ProbeResult.Fail(ProbeVerdict.ConnectionReset, io.Message),
        ObjectDisposedException => ProbeResult.Fail(ProbeVerdict.Timeout, "closed"),
        _ => ProbeResult.Fail(ProbeVerdict.LocalError, e.GetType().Name + ": " + e.Message),
    };
}
