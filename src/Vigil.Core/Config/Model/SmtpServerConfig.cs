using System.Collections.Immutable;
using System.Net;

namespace Vigil.Config.Model;

/// <summary><c>smtp_server ADDR|NAME [PORT]</c> (default port 25).</summary>
public sealed record SmtpServerConfig(string Host, int Port = 25)
{
    /// <summary>The address when <see cref="Host"/> is a literal address.</summary>
    public IPAddress? Address { get; init; }
}
