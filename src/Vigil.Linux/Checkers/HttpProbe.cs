using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.RegularExpressions;
using Vigil.Checkers;

namespace Vigil.Linux.Checkers;

/// <summary>
/// <c>HTTP_GET</c> / <c>SSL_GET</c>: one URL per probe (<see cref="ProbeContext.Step"/>), keepalived's exact
/// request, then status code (default 200-299), MD5 <c>digest</c> of the body and <c>regex</c> /
/// <c>regex_no_match</c> between regex_min_offset and regex_max_offset. TLS without server verification,
/// SNI from <c>sni_name</c> or (with <c>enable_sni</c>) the virtual host, client certificate from the
/// <c>SSL</c> block. Reads are bounded by <see cref="HttpGetSettings.MaxResponseBytes"/>.
/// </summary>
public sealed class HttpProbe : IHealthProbe
{
    /// <summary>Regex input is the first bytes of the body, at most this many (larger bodies are matched on their start).</summary>
    public const int MaxRegexBytes = 1024 * 1024;

    private readonly ProbeTarget _target;
    private readonly TimeProvider _time;
    private readonly HttpGetSettings _settings;
    private readonly ImmutableArray<UrlPlan> _urls;
    private readonly Lazy<HttpTls?> _tls;

    public HttpProbe(HttpGetSettings settings, ProbeTarget target, TimeProvider time, string? serverVirtualHost = null, string? serviceVirtualHost = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(time);
        _settings = settings;
        _target = target;
        _time = time;
        var urls = settings.Urls.IsDefaultOrEmpty ? [new HttpUrlSettings { Path = "/" }] : settings.Urls;
        _urls = [.. urls.Select(u => new UrlPlan(u, u.VirtualHost ?? settings.VirtualHost ?? serverVirtualHost ?? serviceVirtualHost, target, settings.HttpProtocol))];
        _tls = new Lazy<HttpTls?>(() => settings.UseSsl ? CreateTls(settings, _urls[0].VirtualHost) : null);
    }

    public async ValueTask<ProbeResult> ProbeAsync(ProbeContext context, CancellationToken cancellationToken)
    {
        var url = _urls[Math.Abs(context.Step) % _urls.Length];
        if (url.RegexError is not null)
        {
            return ProbeResult.Fail(ProbeVerdict.LocalError, url.RegexError);
        }

        if ((_settings.UseSsl || url.Digest is not null) && !OpenSsl.IsAvailable)
        {
            return ProbeResult.Fail(ProbeVerdict.LocalError, OpenSsl.Missing);
        }

        HttpTls? tls;
        try
        {
            tls = _tls.Value;
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            return ProbeResult.Fail(ProbeVerdict.LocalError, "SSL client certificate: " + e.Message);
        }

        using var deadline = new ProbeDeadline(context.Timeout, _time, cancellationToken);
        using var reader = new HttpResponseReader(_settings.MaxResponseBytes, url.Regex is null ? 0 : MaxRegexBytes, hashBody: url.Digest is not null);
        try
        {
            await HttpFetch.RunAsync(_target, tls, url.Request, reader, deadline.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return ProbeSockets.FromException(e, deadline.TimedOut);
        }

        return Evaluate(url, reader);
    }

    private static ProbeResult Evaluate(UrlPlan url, HttpResponseReader reader)
    {
        if (!reader.HeaderComplete)
        {
            return ProbeResult.Fail(ProbeVerdict.ProtocolError, "no data received from remote webserver");
        }

        var status = reader.StatusCode;
        if (status < 0)
        {
            return ProbeResult.Fail(ProbeVerdict.ProtocolError, "no HTTP status line");
        }

        if (!url.Settings.StatusAccepted(status))
        {
            return ProbeResult.Fail(ProbeVerdict.BadStatus, $"HTTP status code {status} url({url.Settings.Path})");
        }

        if (url.Digest is not null)
        {
            var md5 = Convert.ToHexStringLower(reader.BodyMd5());
            if (!string.Equals(md5, url.Digest, StringComparison.Ordinal))
            {
                return ProbeResult.Fail(ProbeVerdict.DigestMismatch, $"MD5 digest {md5} url({url.Settings.Path})");
            }
        }

        if (url.Regex is not null)
        {
            bool matched;
            try
            {
                var body = Encoding.Latin1.GetString(reader.Body);
                var min = Math.Clamp(url.Settings.RegexMinOffset, 0, body.Length);
                var m = url.Regex.Match(body, min);
                matched = m.Success && (url.Settings.RegexMaxOffset <= 0 || m.Index <= url.Settings.RegexMaxOffset);
            }
            catch (RegexMatchTimeoutException)
            {
                return ProbeResult.Fail(ProbeVerdict.RegexMismatch, $"regex timed out url({url.Settings.Path})");
            }

            if (matched == url.Settings.RegexNoMatch)
            {
                return ProbeResult.Fail(ProbeVerdict.RegexMismatch, $"regex {(matched ? "matched" : "did not match")} url({url.Settings.Path})");
            }
        }

        return ProbeResult.Ok;
    }

    private static HttpTls CreateTls(HttpGetSettings settings, string? virtualHost)
    {
        var sni = settings.SniName ?? (settings.EnableSni ? virtualHost : null);
        X509Certificate2Collection? certificates = null;
        if (settings.Ssl is { CertificateFile: { } certFile } ssl)
        {
            var keyFile = ssl.KeyFile ?? certFile;
            var cert = string.IsNullOrEmpty(ssl.Password)
                ? X509Certificate2.CreateFromPemFile(certFile, keyFile)
                : X509Certificate2.CreateFromEncryptedPemFile(certFile, ssl.Password, keyFile);
            certificates = [cert];
        }

        return new HttpTls(sni, certificates, settings.TlsCompliant);
    }

    private sealed class UrlPlan
    {
        public UrlPlan(HttpUrlSettings settings, string? virtualHost, ProbeTarget target, HttpProtocolVersion protocol)
        {
            Settings = settings;
            VirtualHost = virtualHost;
            Request = HttpRequest.Build(settings.Path, HttpRequest.Host(virtualHost, target.Remote), protocol);
            Digest = string.IsNullOrWhiteSpace(settings.Digest) ? null : settings.Digest.Trim().ToLowerInvariant();
            if (settings.Regex is { } pattern)
            {
                try
                {
                    Regex = new Regex(pattern, Options(settings.RegexOptions), TimeSpan.FromSeconds(1));
                }
                catch (ArgumentException e)
                {
                    RegexError = "invalid regex: " + e.Message;
                }
            }
        }

        public HttpUrlSettings Settings { get; }

        public string? VirtualHost { get; }

        public byte[] Request { get; }

        public string? Digest { get; }

        public Regex? Regex { get; }

        public string? RegexError { get; }

        // The PCRE2 options .NET has; the others (ungreedy, utf, ...) have no equivalent and are ignored.
        private static RegexOptions Options(ImmutableArray<string> names)
        {
            var o = RegexOptions.CultureInvariant;
            foreach (var n in names.IsDefault ? [] : names)
            {
                o |= n switch
                {
                    "caseless" => RegexOptions.IgnoreCase,
                    "multiline" => RegexOptions.Multiline,
                    "dotall" => RegexOptions.Singleline,
                    "extended" => RegexOptions.IgnorePatternWhitespace,
                    "no_auto_capture" => RegexOptions.ExplicitCapture,
                    _ => RegexOptions.None,
                };
            }

            return o;
        }
    }
}
