namespace Vigil.Checkers;

/// <summary>The named outcome of one probe. Everything but <see cref="Success"/> is a failed check.</summary>
public enum ProbeVerdict
{
    Success,

    /// <summary>The connection was refused (TCP RST or ICMP port unreachable).</summary>
    ConnectionRefused,

    /// <summary>No route, host or network unreachable.</summary>
    Unreachable,

    /// <summary>The probe did not finish within its timeout.</summary>
    Timeout,

    /// <summary>The peer reset or closed the connection before a complete answer.</summary>
    ConnectionReset,

    /// <summary>The answer was not the protocol expected (bad status line, bad banner, malformed reply).</summary>
    ProtocolError,

    /// <summary>HTTP status code not in the accepted set.</summary>
    BadStatus,

    /// <summary>HTTP body MD5 differs from <c>digest</c>.</summary>
    DigestMismatch,

    /// <summary>HTTP body did not match <c>regex</c> (or matched with <c>regex_no_match</c>).</summary>
    RegexMismatch,

    /// <summary>The response exceeded the size bound.</summary>
    ResponseTooLarge,

    /// <summary>TLS handshake failed.</summary>
    TlsError,

    /// <summary>DNS answer with a non-zero RCODE, or a UDP reply outside the length bounds or pattern.</summary>
    BadReply,

    /// <summary>MISC_CHECK script exited non-zero (or 1 with misc_dynamic) or was killed by a signal.</summary>
    ScriptFailed,

    /// <summary>MISC_CHECK script did not finish within misc_timeout.</summary>
    ScriptTimeout,

    /// <summary>FILE_CHECK value means failure (weight 0 and a non-zero value).</summary>
    FileValueFailure,

    /// <summary>The probe could not be set up (socket option refused, file missing, script not startable).</summary>
    LocalError,
}
