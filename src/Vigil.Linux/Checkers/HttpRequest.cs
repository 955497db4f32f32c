using System.Net;
using System.Net.Sockets;
using System.Text;
using Vigil.Checkers;

namespace Vigil.Linux.Checkers;

/// <summary>
/// The request HTTP_GET / SSL_GET / genhash send, byte for byte as keepalived 2.2.7 does (captured with a
/// listener): <c>GET /path HTTP/1.0\r\nUser-Agent: KeepAliveClient\r\n[Connection: close\r\n]Host: …\r\n\r\n</c>.
/// <c>1.0C</c> and <c>1.1</c> add <c>Connection: close</c>; Host is the virtual host alone, or the target as
/// <c>192.0.2.10:8080</c> / <c>[2001:db8::10]:8081</c> (port always present).
/// </summary>
public static class HttpRequest
{
    public static byte[] Build(string path, string host, HttpProtocolVersion protocol)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(host);
        var sb = new StringBuilder(128);
        sb.Append("GET ").Append(path).Append(protocol == HttpProtocolVersion.Http11 ? " HTTP/1.1\r\n" : " HTTP/1.0\r\n");
        sb.Append("User-Agent: KeepAliveClient\r\n");
        if (protocol != HttpProtocolVersion.Http10)
        {
            sb.Append("Connection: close\r\n");
        }

        sb.Append("Host: ").Append(host).Append("\r\n\r\n");
        return Encoding.ASCII.GetBytes(sb.ToString());
    }

    /// <summary>The Host header value: the virtual host when set, else the target with its port.</summary>
    public static string Host(string? virtualHost, IPEndPoint target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (!string.IsNullOrEmpty(virtualHost))
        {
            return virtualHost;
        }

        var address = target.Address;
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        var text = new IPAddress(address.GetAddressBytes()).ToString();
        return address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{text}]:{target.Port}" : $"{text}:{target.Port}";
    }
}
