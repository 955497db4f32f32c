using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Vigil.Linux.Host;

/// <summary>
/// Logs to the local syslog daemon through the <c>/dev/log</c> datagram socket, RFC 3164 style as glibc's
/// syslog(3) does: <c>&lt;PRI&gt;Mmm dd HH:mm:ss IDENT[PID]: message</c>. Idents follow keepalived
/// (<c>Keepalived</c>, <c>Keepalived_vrrp</c>, <c>Keepalived_healthcheckers</c>) so existing log filters keep
/// working. When no syslog daemon listens, lines are dropped silently (as syslog(3) does).
/// </summary>
public sealed class SyslogSink : ILogSink
{
    private readonly object _gate = new();
    private readonly string _ident;
    private readonly int _facility;
    private readonly string _path;
    private Socket? _socket;

    /// <param name="facility">syslog facility number (daemon = 3, local0..7 = 16..23).</param>
    public SyslogSink(string ident, int facility = 3, string path = "/dev/log")
    {
        _ident = ident;
        _facility = facility;
        _path = path;
    }

    /// <summary>Parses keepalived's <c>-S</c> values: 0–7 mean local0–local7; also local[0-7], user, daemon.</summary>
    public static int? ParseFacility(string value) => value switch
    {
        "user" => 1,
        "daemon" => 3,
        _ when value.Length == 6 && value.StartsWith("local", StringComparison.Ordinal) && value[5] is >= '0' and <= '7' => 16 + (value[5] - '0'),
        _ when value.Length == 1 && value[0] is >= '0' and <= '7' => 16 + (value[0] - '0'),
        _ => null,
    };

    public static string Format(int facility, int severity, string ident, int pid, string message, DateTimeOffset localTime)
    {
        var pri = (facility * 8) + Math.Clamp(severity, 0, 7);
        var stamp = localTime.ToString("MMM ", CultureInfo.InvariantCulture) +
                    localTime.Day.ToString(CultureInfo.InvariantCulture).PadLeft(2) +
                    localTime.ToString(" HH:mm:ss", CultureInfo.InvariantCulture);
        return $"<{pri}>{stamp} {ident}[{pid}]: {message}";
    }

    public void Write(int severity, string message, DateTimeOffset localTime)
    {
        var bytes = Encoding.UTF8.GetBytes(Format(_facility, severity, _ident, Environment.ProcessId, message, localTime));
        lock (_gate)
        {
            try
            {
                _socket ??= Connect();
                _socket.Send(bytes);
            }
            catch (SocketException)
            {
                _socket?.Dispose();
                _socket = null; // retried on the next line (syslogd may have restarted)
            }
        }
    }

    private Socket Connect()
    {
        var s = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        try
        {
            s.Connect(new UnixDomainSocketEndPoint(_path));
            return s;
        }
        catch
        {
            s.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _socket?.Dispose();
            _socket = null;
        }
    }
}
