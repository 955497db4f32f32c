namespace Vigil.Checkers;

/// <summary>
/// The effective timing of one checker after keepalived's inheritance (virtual_server → real_server →
/// checker) and per-checker defaults (keepalived.conf(5)): delay_loop 60 s, connect_timeout 5 s, retry 1
/// (DNS 3, MISC 0), delay_before_retry 1 s (HTTP/SSL 3 s, DNS = delay_loop), warmup = delay_loop,
/// misc_timeout = delay_loop.
/// </summary>
public sealed record CheckerTiming
{
    public static readonly TimeSpan DefaultDelayLoop = TimeSpan.FromSeconds(60);

    public static readonly TimeSpan DefaultConnectTimeout = TimeSpan.FromSeconds(5);

    public required TimeSpan DelayLoop { get; init; }

    public required TimeSpan ConnectTimeout { get; init; }

    public required int Retry { get; init; }

    public required TimeSpan DelayBeforeRetry { get; init; }

    public required TimeSpan Warmup { get; init; }

    public required bool Alpha { get; init; }

    /// <summary>How long one probe may take: misc_timeout for MISC_CHECK, connect_timeout otherwise.</summary>
    public required TimeSpan ProbeTimeout { get; init; }

    public required FailureSpacing FailureSpacing { get; init; }

    /// <summary>HTTP_GET/SSL_GET: a recovering server must pass every URL again (see <see cref="CheckerPolicy"/>).</summary>
    public bool RecoveryPass { get; init; }

    /// <summary>HTTP_GET/SSL_GET <c>fast_recovery</c>.</summary>
    public bool FastRecovery { get; init; }

    /// <summary>Number of probe steps in one full pass (the URL count of HTTP_GET/SSL_GET, else 1).</summary>
    public int Steps { get; init; } = 1;

    public static CheckerTiming Resolve(VirtualServerSettings service, RealServerSettings server, CheckerSettings checker)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(checker);

        var delayLoop = Positive(checker.DelayLoop ?? server.DelayLoop ?? service.DelayLoop) ?? DefaultDelayLoop;
        var connectTimeout = Positive(checker.ConnectTimeout ?? server.ConnectTimeout ?? service.ConnectTimeout) ?? DefaultConnectTimeout;
        var retry = checker.Retry ?? server.Retry ?? service.Retry ?? DefaultRetry(checker.Kind);
        var delayBeforeRetry = checker.DelayBeforeRetry ?? server.DelayBeforeRetry ?? service.DelayBeforeRetry
            ?? DefaultDelayBeforeRetry(checker.Kind, delayLoop);
        var warmup = checker.Warmup ?? server.Warmup ?? service.Warmup ?? delayLoop;
        var alpha = checker.Alpha ?? server.Alpha ?? service.Alpha;
        var probeTimeout = checker is MiscCheckSettings misc ? Positive(misc.Timeout) ?? delayLoop : connectTimeout;
        var http = checker as HttpGetSettings;
        return new CheckerTiming
        {
            DelayLoop = delayLoop,
            ConnectTimeout = connectTimeout,
            Retry = Math.Max(0, retry),
            DelayBeforeRetry = delayBeforeRetry < TimeSpan.Zero ? TimeSpan.Zero : delayBeforeRetry,
            Warmup = warmup < TimeSpan.Zero ? TimeSpan.Zero : warmup,
            Alpha = alpha,
            ProbeTimeout = probeTimeout,
            FailureSpacing = Spacing(checker.Kind),
            RecoveryPass = http is not null,
            FastRecovery = http?.FastRecovery ?? false,
            Steps = http is null ? 1 : Math.Max(1, http.Urls.Length),
        };
    }

    public static int DefaultRetry(CheckerKind kind) => kind switch
    {
        CheckerKind.Dns => 3,
        CheckerKind.Misc => 0,
        _ => 1,
    };

    public static TimeSpan DefaultDelayBeforeRetry(CheckerKind kind, TimeSpan delayLoop) => kind switch
    {
        CheckerKind.HttpGet or CheckerKind.SslGet => TimeSpan.FromSeconds(3),
        CheckerKind.Dns => delayLoop,
        _ => TimeSpan.FromSeconds(1),
    };

    /// <summary>What keepalived 2.2.7 was observed to do per checker once the server is down.</summary>
    public static FailureSpacing Spacing(CheckerKind kind) => kind switch
    {
        CheckerKind.HttpGet or CheckerKind.SslGet => FailureSpacing.LongerOfDelayLoopAndRetryDelay,
        CheckerKind.Tcp or CheckerKind.Smtp => FailureSpacing.RetryCycle,
        _ => FailureSpacing.DelayLoop,
    };

    private static TimeSpan? Positive(TimeSpan? t) => t is { } v && v > TimeSpan.Zero ? v : null;
}
