namespace Vigil.Checkers;

/// <summary><c>SMTP_CHECK</c>: 220 banner, <c>HELO helo_name</c> answered 250, then QUIT.</summary>
public sealed record SmtpCheckSettings : CheckerSettings
{
    public override CheckerKind Kind => CheckerKind.Smtp;

    /// <summary><c>helo_name</c>; default the local host name.</summary>
    public string? HeloName { get; init; }
}
