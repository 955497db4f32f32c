namespace Vigil.Checkers;

/// <summary>
/// How a checker spaces its attempts after a failure once the server is down. keepalived's checkers differ
/// here; each value records what keepalived 2.2.7 was observed to do (IPVS lane, docs/checkers.md).
/// </summary>
public enum FailureSpacing
{
    /// <summary>Down: every delay_loop; retries only while up (MISC_CHECK, DNS_CHECK, UDP_CHECK, PING_CHECK).</summary>
    DelayLoop,

    /// <summary>Down: every max(delay_loop, delay_before_retry); retries only while up (HTTP_GET, SSL_GET).</summary>
    LongerOfDelayLoopAndRetryDelay,

    /// <summary>
    /// The retry count keeps cycling while down: <c>retry</c> attempts spaced delay_before_retry, then one
    /// delay_loop, and again (TCP_CHECK, SMTP_CHECK).
    /// </summary>
    RetryCycle,
}
