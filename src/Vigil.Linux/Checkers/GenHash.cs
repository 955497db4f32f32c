using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Vigil.Checkers;

namespace Vigil.Linux.Checkers;

/// <summary>
/// keepalived's genhash (<c>keepalived --genhash</c> / <c>-T</c>): fetches a URL with the HTTP_GET request and
/// prints the MD5 of the body for <c>digest</c>; with <c>-v</c> also hex dumps of header and body. Options,
/// messages, exit codes and the verbose layout are keepalived 2.2.7's, compared byte for byte in tests
/// (only the response time differs). Usage and option errors go to <c>error</c> with exit code 1; a failed
/// fetch prints keepalived's message and exits 0, as keepalived does.
/// </summary>
public static class GenHash
{
    /// <summary>keepalived waits forever without <c>-t</c>; Vigil gives up after this.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);

    private const string Usage =
        "Usage: keepalived --genhash COMMAND [OPTIONS]\n" +
        "Commands:\n" +
        "   -s server-address -p port -u url\n" +
        "   -S -s server-address -p port -u url\n" +
        "   -h\n" +
        "\n" +
        "Options:\n" +
        "Either long or short options are allowed.\n" +
        "   --use-ssl         -S       Use SSL connection to remote server.\n" +
        "   --use-sni         -I       Use SNI during SSL handshake (uses virtualhost setting; see -V).\n" +
        "   --server          -s       Use the specified remote server address.\n" +
        "   --port            -p       Use the specified remote server port.\n" +
        "   --url             -u       Use the specified remote server url.\n" +
        "   --use-virtualhost -V       Use the specified virtualhost in GET query.\n" +
        "   --verbose         -v       Use verbose mode output.\n" +
        "   --help            -h       Display this short inlined help screen.\n" +
        "   --fwmark          -m       Use the specified FW mark.\n" +
        "   --protocol        -P       Use the specified HTTP protocol - '1.0', 1.0c', '1.1'.\n" +
        "                                1.0c means 1.0 with 'Connection: close'\n" +
        "   --timeout         -t       Timeout in seconds\n";

    private const string Rule = "-----------------------";

    private const string NoDataMessage = "no data received from remote webserver";

    private static readonly Dictionary<string, char> s_long = new(StringComparer.Ordinal)
    {
        ["use-ssl"] = 'S',
        ["use-sni"] = 'I',
        ["server"] = 's',
        ["port"] = 'p',
        ["url"] = 'u',
        ["use-virtualhost"] = 'V',
        ["verbose"] = 'v',
        ["help"] = 'h',
        ["fwmark"] = 'm',
        ["protocol"] = 'P',
        ["timeout"] = 't',
    };

    /// <summary>Runs genhash with everything on <paramref name="output"/>.</summary>
    public static Task<int> RunAsync(string[] args, TextWriter output) => RunAsync(args, output, output, TimeProvider.System);

    /// <summary>Runs genhash; returns the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, TimeProvider time, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(time);
        var options = Parse(args, out var problem);
        if (options is null)
        {
            if (problem is not null)
            {
                await error.WriteAsync(problem + "\n").ConfigureAwait(false);
            }

            await error.WriteAsync(Usage).ConfigureAwait(false);
            await error.FlushAsync(cancellationToken).ConfigureAwait(false);
            return 1;
        }

        if (!OpenSsl.IsAvailable)
        {
            // genhash's job is the MD5 (and maybe TLS): without OpenSSL .NET would abort the process on first use.
            await error.WriteAsync(OpenSsl.Missing + "\n").ConfigureAwait(false);
            await error.FlushAsync(cancellationToken).ConfigureAwait(false);
            return 1;
        }

        var text = new StringBuilder();
        var errText = new StringBuilder();
        var started = time.GetTimestamp();
        var fetched = await FetchAsync(options, time, cancellationToken).ConfigureAwait(false);
        var elapsed = time.GetElapsedTime(started);
        if (fetched.Message is { } message)
        {
            // keepalived prints "no data received" and "network unreachable" on stderr (observed).
            if (fetched.ToStandardError || fetched.NoData)
            {
                errText.Append(message).Append('\n');
            }
            else
            {
                text.Append(message).Append('\n');
            }

            if (options.Verbose && fetched.NoData)
            {
                AppendVerbose(text, fetched.Reader!, complete: false);
            }
            else if (options.Verbose)
            {
                text.Append('\n');
            }
        }
        else if (options.Verbose)
        {
            AppendVerbose(text, fetched.Reader!, complete: true);
        }
        else
        {
            text.Append(Convert.ToHexStringLower(fetched.Reader!.BodyMd5())).Append('\n');
        }

        if (options.Verbose)
        {
            var usecs = (long)(elapsed.Ticks / (TimeSpan.TicksPerMillisecond / 1000));
            text.Append(CultureInfo.InvariantCulture, $"Global response time for [{options.Url}] = {usecs} usecs\n");
        }

        fetched.Reader?.Dispose();
        await output.WriteAsync(text.ToString()).ConfigureAwait(false);
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        if (errText.Length > 0)
        {
            await error.WriteAsync(errText.ToString()).ConfigureAwait(false);
            await error.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        return 0;
    }

    /// <summary>keepalived's hex dump: decimal offset, 16 bytes with a dash after eight, then the printable characters.</summary>
    public static string HexDump(ReadOnlySpan<byte> data)
    {
        var sb = new StringBuilder();
        for (var offset = 0; offset < data.Length; offset += 16)
        {
            var line = data.Slice(offset, Math.Min(16, data.Length - offset));
            sb.Append(offset.ToString("D4", CultureInfo.InvariantCulture)).Append("  ");
            for (var j = 0; j < 16; j++)
            {
                if (j == 8)
                {
                    sb.Append("- ");
                }

                if (j < line.Length)
                {
                    sb.Append(line[j].ToString("x2", CultureInfo.InvariantCulture)).Append(' ');
                }
                else
                {
                    sb.Append("   ");
                }
            }

            sb.Append("  ");
            for (var j = 0; j < 16; j++)
            {
                sb.Append(j < line.Length ? (line[j] is >= 0x20 and < 0x7f ? (char)line[j] : '.') : ' ');
            }

            sb.Append('\n');
        }

        return sb.ToString();
    }

    private static void AppendVerbose(StringBuilder text, HttpResponseReader reader, bool complete)
    {
        text.Append(Rule).Append("[    HTTP Header Buffer    ]").Append(Rule).Append('\n');
        if (complete)
        {
            text.Append(HexDump(reader.Header));
            text.Append(Rule).Append("[ HTTP Header Ascii Buffer ]").Append(Rule).Append('\n');
            text.Append(Encoding.Latin1.GetString(reader.Header)).Append('\n');
            if (reader.BodyLength > 0)
            {
                text.Append(Rule).Append("[        HTML Buffer        ]").Append(Rule).Append('\n');
                text.Append(HexDump(reader.Body));
            }
        }

        text.Append('\n');
        var md5 = reader.BodyMd5();
        text.Append(Rule).Append("[    HTML hash resulting    ]").Append(Rule).Append('\n');
        text.Append(HexDump(md5));
        text.Append(Rule).Append("[ HTML hash final resulting ]").Append(Rule).Append('\n');
        text.Append(complete ? Convert.ToHexStringLower(md5) + "\n\n" : "\n");
    }

    private static async Task<FetchResult> FetchAsync(Options o, TimeProvider time, CancellationToken cancellationToken)
    {
        var target = new ProbeTarget(new IPEndPoint(o.Server, o.Port), FwMark: o.FwMark);
        var reader = new HttpResponseReader(HttpGetSettings.DefaultMaxResponseBytes, HttpGetSettings.DefaultMaxResponseBytes);
        var request = HttpRequest.Build(o.Url, HttpRequest.Host(o.VirtualHost, target.Remote), o.Protocol);
        using var deadline = new ProbeDeadline(o.Timeout, time, cancellationToken);
        var phase = Phase.Connect;
        try
        {
            using var socket = await ProbeSockets.ConnectTcpAsync(target, deadline.Token).ConfigureAwait(false);
            await using var network = new NetworkStream(socket, ownsSocket: false);
            Stream stream = network;
            await using var ssl = o.Ssl ? new SslStream(network, leaveInnerStreamOpen: true) : null;
            if (ssl is not null)
            {
                phase = Phase.Handshake;
                await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
                {
                    RemoteCertificateValidationCallback = static (_, _, _, _) => true,
                    TargetHost = o.Sni ? o.VirtualHost ?? string.Empty : string.Empty,
                    CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
                    EnabledSslProtocols = SslProtocols.None,
                }, deadline.Token).ConfigureAwait(false);
                stream = ssl;
            }

            phase = Phase.Write;
            await stream.WriteAsync(request, deadline.Token).ConfigureAwait(false);
            phase = Phase.Read;
            var buffer = new byte[16 * 1024];
            while (true)
            {
                var n = await stream.ReadAsync(buffer, deadline.Token).ConfigureAwait(false);
                if (n == 0)
                {
                    break;
                }

                if (!reader.Feed(buffer.AsSpan(0, n)))
                {
                    break;
                }
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return Fail(reader, phase, e, deadline.TimedOut);
        }

        return reader.HeaderComplete
            ? new FetchResult(reader, null, false, phase)
            : new FetchResult(reader, NoDataMessage, false, Phase.Read) { NoData = true };
    }

    private static FetchResult Fail(HttpResponseReader reader, Phase phase, Exception e, bool timedOut)
    {
        if (e is OperationCanceledException || timedOut)
        {
            var what = phase switch
            {
                Phase.Connect or Phase.Handshake => "Timeout connecting",
                Phase.Write => "Timeout WEB write",
                _ => "Timeout WEB read",
            };
            return new FetchResult(reader, what, false, phase);
        }

        var socketError = e switch
        {
            SocketException se => se.SocketErrorCode,
            IOException { InnerException: SocketException se } => se.SocketErrorCode,
            _ => SocketError.Success,
        };
        if (socketError == SocketError.NetworkUnreachable)
        {
            return new FetchResult(reader, "HTTP_CHECK - network unreachable", true, phase);
        }

        if (phase == Phase.Handshake || e is AuthenticationException)
        {
            // keepalived 2.2.7 prints this with the server name missing.
            return new FetchResult(reader, "SSL handshake/communication error connecting to", false, phase);
        }

        if (phase == Phase.Read && reader.TotalBytes > 0)
        {
            return reader.HeaderComplete
                ? new FetchResult(reader, null, false, phase)
                : new FetchResult(reader, NoDataMessage, false, phase) { NoData = true };
        }

        return new FetchResult(reader, "Connection failed", false, phase);
    }

    private static Options? Parse(string[] args, out string? problem)
    {
        problem = null;
        var o = new Options();
        var extra = new List<string>();
        bool haveServer = false, havePort = false, haveUrl = false;
        for (var i = 0; i < args.Length; i++)
        {
            var a = args[i];
            char opt;
            string? value = null;
            if (a.StartsWith("--", StringComparison.Ordinal) && a.Length > 2)
            {
                var name = a[2..];
                var eq = name.IndexOf('=', StringComparison.Ordinal);
                if (eq >= 0)
                {
                    value = name[(eq + 1)..];
                    name = name[..eq];
                }

                if (!s_long.TryGetValue(name, out opt))
                {
                    problem = $"Unknown option {a}";
                    return null;
                }
            }
            else if (a.Length >= 2 && a[0] == '-')
            {
                opt = a[1];
                if (a.Length > 2)
                {
                    value = a[2..];
                }
            }
            else
            {
                extra.Add(a);
                continue;
            }

            if (opt is 's' or 'p' or 'u' or 'V' or 'P' or 't' or 'm' && value is null)
            {
                if (i + 1 >= args.Length)
                {
                    problem = $"option requires an argument -- '{opt}'";
                    return null;
                }

                value = args[++i];
            }

            switch (opt)
            {
                case 'S':
                    o.Ssl = true;
                    break;
                case 'I':
                    o.Sni = true;
                    break;
                case 'v':
                    o.Verbose = true;
                    break;
                case 'h':
                    return null;
                case 's':
                    if (ParseAddress(value!) is not { } server)
                    {
                        problem = $"server should be an IP, not {value}";
                        return null;
                    }

                    o.Server = server;
                    haveServer = true;
                    break;
                case 'p':
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
                    {
                        problem = $"invalid port number '{value}'";
                        return null;
                    }

                    o.Port = port;
                    havePort = true;
                    break;
                case 'u':
                    o.Url = value!;
                    haveUrl = true;
                    break;
                case 'V':
                    o.VirtualHost = value;
                    break;
                case 'P':
                    switch (value)
                    {
                        case "1.0":
                            o.Protocol = HttpProtocolVersion.Http10;
                            break;
                        case "1.0c":
                        case "1.0C":
                            o.Protocol = HttpProtocolVersion.Http10Close;
                            break;
                        case "1.1":
                            o.Protocol = HttpProtocolVersion.Http11;
                            break;
                        default:
                            problem = $"invalid HTTP protocol version '{value}'";
                            return null;
                    }

                    break;
                case 't':
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
                    {
                        problem = $"invalid timeout '{value}'";
                        return null;
                    }

                    o.Timeout = TimeSpan.FromSeconds(seconds);
                    break;
                case 'm':
                    if (!uint.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var mark))
                    {
                        problem = $"invalid fwmark '{value}'";
                        return null;
                    }

                    o.FwMark = mark;
                    break;
                default:
                    problem = $"Unknown option {a}";
                    return null;
            }
        }

        if (extra.Count > 0)
        {
            problem = "Unexpected argument(s): " + string.Join(' ', extra);
            return null;
        }

        return haveServer && havePort && haveUrl ? o : null;
    }

    // inet_pton semantics: dotted quad or IPv6 text, no legacy forms such as "10" or "1.2.3".
    private static IPAddress? ParseAddress(string text)
    {
        if (text.Contains(':', StringComparison.Ordinal))
        {
            return IPAddress.TryParse(text, out var v6) && v6.AddressFamily == AddressFamily.InterNetworkV6 ? v6 : null;
        }

        var parts = text.Split('.');
        if (parts.Length != 4 || parts.Any(p => p.Length is 0 or > 3 || !p.All(char.IsAsciiDigit)))
        {
            return null;
        }

        return IPAddress.TryParse(text, out var v4) ? v4 : null;
    }

    private enum Phase
    {
        Connect,
        Handshake,
        Write,
        Read,
    }

    private sealed record FetchResult(HttpResponseReader? Reader, string? Message, bool ToStandardError, Phase Phase)
    {
        /// <summary>The peer answered but no header end (CRLFCRLF) came: keepalived's "no data received".</summary>
        public bool NoData { get; init; }
    }

    private sealed class Options
    {
        public bool Ssl { get; set; }

        public bool Sni { get; set; }

        public bool Verbose { get; set; }

        public IPAddress Server { get; set; } = IPAddress.Loopback;

        public int Port { get; set; }

        public string Url { get; set; } = "/";

        public string? VirtualHost { get; set; }

        public HttpProtocolVersion Protocol { get; set; } = HttpProtocolVersion.Http10;

        public TimeSpan Timeout { get; set; } = DefaultTimeout;

        public uint? FwMark { get; set; }
    }
}
