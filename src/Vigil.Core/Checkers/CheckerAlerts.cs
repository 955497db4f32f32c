using System.Globalization;

namespace Vigil.Checkers;

/// <summary>
/// Subjects and bodies of checker e-mail alerts. Verified against keepalived 2.2.7 mail (IPVS lane):
/// real-server subjects, service subjects, the MISC_CHECK bodies, HTTP "succeed" and "failed ... : HTTP
/// request failed", and the startup quorum body. The other bodies follow the same pattern and are marked
/// as such in docs/checkers.md.
/// </summary>
public static class CheckerAlerts
{
    public static SmtpAlertRequested RealServer(VirtualServiceKey service, RealServerKey server, bool up, CheckerKind? kind, ProbeResult? cause)
    {
        var subject = $"Realserver {EndpointText.RealServer(service, server)} of virtual server {EndpointText.VirtualService(service)} - {(up ? "UP" : "DOWN")}";
        return new SmtpAlertRequested(subject, $"=> {Detail(up, kind, cause)} <=");
    }

    public static SmtpAlertRequested Quorum(VirtualServiceKey service, bool up, bool atStartup, int quorum, int hysteresis, int weightSum)
    {
        var subject = $"Virtualserver {EndpointText.VirtualService(service)} - {(up ? "UP" : "DOWN")}";
        string body;
        if (up)
        {
            var what = atStartup ? "Starting with quorum up" : "Gained quorum";
            body = string.Create(CultureInfo.InvariantCulture, $"=> {what} {quorum}+{hysteresis}={quorum + hysteresis} <= {weightSum} <=");
        }
        else
        {
            body = string.Create(CultureInfo.InvariantCulture, $"=> Lost quorum {quorum}-{hysteresis}={quorum - hysteresis} > {weightSum} <=");
        }

        return new SmtpAlertRequested(subject, body);
    }

    private static string Detail(bool up, CheckerKind? kind, ProbeResult? cause)
    {
        switch (kind)
        {
            case CheckerKind.Misc:
                if (up)
                {
                    return "MISC CHECK succeeded on service";
                }

                return cause?.Verdict == ProbeVerdict.ScriptTimeout ? "MISC CHECK timed out on service" : "MISC CHECK failed on service";
            case CheckerKind.HttpGet:
            case CheckerKind.SslGet:
                if (up)
                {
                    return "CHECK succeed on service";
                }

                return cause?.Verdict switch
                {
                    ProbeVerdict.ConnectionRefused or ProbeVerdict.Unreachable or ProbeVerdict.ConnectionReset
                        or ProbeVerdict.Timeout or ProbeVerdict.TlsError or ProbeVerdict.LocalError => "CHECK failed on service : connection error",
                    ProbeVerdict.DigestMismatch => "CHECK failed on service : MD5 digest error",
                    ProbeVerdict.RegexMismatch => "CHECK failed on service : regex match error",
                    _ => "CHECK failed on service : HTTP request failed",
                };
            case null:
                return up ? "CHECK succeed on service" : "CHECK failed on service";
            default:
                var name = kind switch
                {
                    CheckerKind.Tcp => "TCP",
                    CheckerKind.Smtp => "SMTP",
                    CheckerKind.Dns => "DNS",
                    CheckerKind.Udp => "UDP",
                    CheckerKind.Ping => "PING",
                    _ => "FILE",
                };
                return up ? $"{name} CHECK succeed on service" : $"{name} CHECK failed on service";
        }
    }
}
