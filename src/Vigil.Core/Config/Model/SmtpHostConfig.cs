using System.Collections.Immutable;
using System.Net;
using System.Text.Json.Serialization;

namespace Vigil.Config.Model;

/// <summary>A deprecated <c>host { }</c> block of SMTP_CHECK (its own connection options).</summary>
public sealed record SmtpHostConfig
{
    public IPAddress? ConnectIp { get; init; }

    public ushort ConnectPort { get; init; }

    public IPAddress? BindTo { get; init; }

    public string? BindInterface { get; init; }

    public ushort BindPort { get; init; }

    public uint? FwMark { get; init; }

    public TimeSpan? ConnectTimeout { get; init; }

    public SourceLocation Location { get; init; }
}
