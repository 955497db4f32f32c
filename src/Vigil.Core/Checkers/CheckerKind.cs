namespace Vigil.Checkers;

/// <summary>The keepalived checker block a checker came from.</summary>
public enum CheckerKind
{
    /// <summary><c>TCP_CHECK</c>.</summary>
    Tcp,

    /// <summary><c>HTTP_GET</c>.</summary>
    HttpGet,

    /// <summary><c>SSL_GET</c>.</summary>
    SslGet,

    /// <summary><c>SMTP_CHECK</c>.</summary>
    Smtp,

    /// <summary><c>DNS_CHECK</c>.</summary>
    Dns,

    /// <summary><c>MISC_CHECK</c>.</summary>
    Misc,

    /// <summary><c>UDP_CHECK</c>.</summary>
    Udp,

    /// <summary><c>PING_CHECK</c>.</summary>
    Ping,

    /// <summary><c>FILE_CHECK</c>.</summary>
    File,
}
