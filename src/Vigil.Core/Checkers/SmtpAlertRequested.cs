namespace Vigil.Checkers;

/// <summary>
/// An e-mail alert (<c>smtp_alert</c>). The mailer prefixes the subject with <c>[router_id] </c> and sends
/// the body as keepalived does (observed mail: <c>Subject: [lane3] Realserver [192.0.2.11]:tcp:1 of virtual
/// server [192.0.2.100]:tcp:80 - DOWN</c>, body <c>=&gt; MISC CHECK failed on service &lt;=</c>).
/// </summary>
public sealed record SmtpAlertRequested(string Subject, string Body) : CheckerEvent;
