namespace Vigil.Linux.Notify;

/// <summary>global_defs mail settings: smtp_server, smtp_helo_name, smtp_connect_timeout, router_id, notification_email(_from).</summary>
public sealed record SmtpAlertSettings(
    string Server,
    int Port,
    string HeloName,
    TimeSpan ConnectTimeout,
    string RouterId,
    string From,
    IReadOnlyList<string> To);
