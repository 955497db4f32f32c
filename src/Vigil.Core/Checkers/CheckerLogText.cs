namespace Vigil.Checkers;

/// <summary>
/// keepalived 2.2.7's log lines for checker results, observed in the IPVS lane (TCP_CHECK, HTTP_GET, MISC_CHECK,
/// SMTP_CHECK, DNS_CHECK against real servers that refused, answered 404, stopped answering, and came back):
/// <list type="bullet">
/// <item>the verdict on going down: "TCP_CHECK on service [127.1.0.1]:tcp:80 failed." (no retries) or "... failed after
/// 2 retries."; "Misc check for [[RS] VS [VS]] by [/path] failed with retry disabled (exited with status 1)."; SMTP and
/// DNS name the cause instead;</item>
/// <item>each failed attempt only with <c>checker_log_all_failures</c>: "TCP connection to [..]:tcp:80 failed.",
/// "HTTP status code error to server [..].", "Connection failed server [..].", "Timeout WEB read server [..].";</item>
/// <item>successes: the first and each recovery ("TCP connection to [..] success.", "Remote Web server [..] succeed on
/// service.", "Misc check for [..] succeeded."), HTTP_GET also each success while down ("HTTP status code success to
/// [..] url(/index.html)").</item>
/// </list>
/// Checkers whose keepalived wording was not observed keep Vigil's "UDP_CHECK on service [..] failed (reason)." Vigil's
/// own reason for a failure (<see cref="ProbeResult"/>) goes to <see cref="Detail"/>, logged at debug level.
/// </summary>
public static class CheckerLogText
{
    /// <summary>The lines keepalived logs for this result, in order (none for a routine result).</summary>
    /// <param name="e">The observed result.</param>
    /// <param name="settings">The checker's settings (MISC path, HTTP url).</param>
    /// <param name="logAllFailures">The checker's <c>log_all_failures</c> (global <c>checker_log_all_failures</c> applied).</param>
    /// <param name="service">The virtual service as keepalived prints it.</param>
    /// <param name="server">The real server as keepalived prints it.</param>
    public static IReadOnlyList<string> Lines(CheckerResultObserved e, CheckerSettings settings, bool logAllFailures, string service, string server)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(settings);
        // A checker that starts down (alpha) and fails its first check: keepalived logs the verdict line too.
        var down = e.Step.Transition == CheckerTransition.Down || (e.IsFirstResult && !e.CheckerUp && !e.Result.IsSuccess && !e.Step.IsRetry);
        var up = e.Step.Transition == CheckerTransition.Up;
        var lines = new List<string>(2);
        if (e.Result.IsSuccess)
        {
            var first = up || e.CheckerUp; // a first success (nothing changes) or a recovery
            switch (e.Kind)
            {
                case CheckerKind.Tcp when first:
                    lines.Add($"TCP connection to {server} success.");
                    break;
                case CheckerKind.HttpGet or CheckerKind.SslGet:
                    if (!e.CheckerUp || up)
                    {
                        lines.Add($"HTTP status code success to {server} url({UrlPath(settings)})");
                    }

                    if (first)
                    {
                        lines.Add($"Remote Web server {server} succeed on service.");
                    }

                    break;
                case CheckerKind.Misc when first:
                    lines.Add($"Misc check for [{server} VS {service}] by [{MiscPath(settings)}] succeeded.");
                    break;
                case CheckerKind.Tcp or CheckerKind.Misc:
                    break;
                default:
                    if (first)
                    {
                        lines.Add($"{Keyword(e.Kind)} on service {server} success.");
                    }

                    break;
            }

            return lines;
        }

        var retries = e.Retries > 0 ? $" after {e.Retries} retries." : ".";
        if (e.Result.Verdict == ProbeVerdict.LocalError && down)
        {
            // Our side cannot run the check (no OpenSSL, an unreadable client certificate): keepalived has no line for
            // it, and an operator must see why, not only that it failed.
            lines.Add($"{Keyword(e.Kind)} on service {server} cannot run: {e.Result.Detail ?? "local error"}");
        }

        switch (e.Kind)
        {
            case CheckerKind.Tcp:
                if (logAllFailures)
                {
                    lines.Add($"TCP connection to {server} failed.");
                }

                if (down)
                {
                    lines.Add($"TCP_CHECK on service {server} failed{retries}");
                }

                break;
            case CheckerKind.HttpGet or CheckerKind.SslGet:
                if (logAllFailures)
                {
                    lines.Add(e.Result.Verdict switch
                    {
                        ProbeVerdict.BadStatus => $"HTTP status code error to server {server}.",
                        ProbeVerdict.ConnectionRefused or ProbeVerdict.Unreachable or ProbeVerdict.ConnectionReset => $"Connection failed server {server}.",
                        ProbeVerdict.Timeout => $"Timeout WEB read server {server}.",
                        _ => $"{Keyword(e.Kind)} on service {server}: {e.Result}",
                    });
                }

                if (down)
                {
                    lines.Add($"{Keyword(e.Kind)} on service {server} failed{retries}");
                }

                break;
            case CheckerKind.Misc:
                var status = e.Result.Detail ?? e.Result.Verdict.ToString();
                var misc = $"Misc check for [{server} VS {service}] by [{MiscPath(settings)}]";
                if (down)
                {
                    lines.Add(e.Retries > 0 ? $"{misc} failed after {e.Retries} retries ({status})." : $"{misc} failed with retry disabled ({status}).");
                }
                else if (logAllFailures)
                {
                    lines.Add($"{misc} failed ({status}).");
                }

                break;
            case CheckerKind.Smtp:
                if (down || logAllFailures)
                {
                    lines.Add(e.Result.Verdict is ProbeVerdict.ConnectionRefused or ProbeVerdict.Unreachable or ProbeVerdict.Timeout
                        ? $"SMTP_CHECK Could not connect to server [{settings.ConnectIp ?? e.Server.Address}]:{settings.ConnectPort ?? e.Server.Port}"
                        : $"SMTP_CHECK on service {server} failed ({e.Result}).");
                }

                break;
            case CheckerKind.Dns:
                if (down)
                {
                    lines.Add(e.Result.Verdict == ProbeVerdict.ConnectionRefused
                        ? $"DNS_CHECK ({server}) failed to read socket; errno 111 (Connection refused)"
                        : $"DNS_CHECK ({server}) failed ({e.Result}).");
                }

                break;
            default:
                if (down || logAllFailures)
                {
                    lines.Add($"{Keyword(e.Kind)} on service {server} failed ({e.Result}).");
                }

                break;
        }

        return lines;
    }

    /// <summary>Vigil's own account of a failure (verdict and detail), for the debug log.</summary>
    public static string Detail(CheckerResultObserved e, string server)
    {
        ArgumentNullException.ThrowIfNull(e);
        return $"{Keyword(e.Kind)} on service {server}: {e.Result}";
    }

    /// <summary>The name keepalived uses for the checker in its lines (HTTP_GET is "HTTP_CHECK").</summary>
    public static string Keyword(CheckerKind kind) => kind switch
    {
        CheckerKind.Tcp => "TCP_CHECK",
        CheckerKind.HttpGet => "HTTP_CHECK",
        CheckerKind.SslGet => "SSL_CHECK",
        CheckerKind.Smtp => "SMTP_CHECK",
        CheckerKind.Dns => "DNS_CHECK",
        CheckerKind.Misc => "MISC_CHECK",
        CheckerKind.Udp => "UDP_CHECK",
        CheckerKind.Ping => "PING_CHECK",
        _ => "FILE_CHECK",
    };

    private static string UrlPath(CheckerSettings settings) =>
        settings is HttpGetSettings { Urls: { IsDefaultOrEmpty: false } urls } ? urls[0].Path : "/";

    // keepalived prints the script's path without its arguments (observed: "by [/opt/obs/misc.sh]").
    private static string MiscPath(CheckerSettings settings) =>
        settings is MiscCheckSettings m ? m.Path.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? m.Path : "";
}
