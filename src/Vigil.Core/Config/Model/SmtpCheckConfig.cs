using System.Collections.Immutable;
using System.Net;
using System.Text.Json.Serialization;

namespace Vigil.Config.Model;

/// <summary><c>SMTP_CHECK</c>: connect, read the banner, HELO, QUIT. Deprecated <c>host { }</c> blocks add more endpoints.</summary>
public sealed record SmtpCheckConfig : CheckerConfig
{
    public override CheckerKind Kind => CheckerKind.SmtpCheck;

    /// <summary>Default: the router id / host name.</summary>
    public string? HeloName { get; init; }

    public ImmutableArray<SmtpHostConfig> Hosts { get; init; } = [];
}
