using System.Collections.Immutable;
using System.Net;
using System.Text.Json.Serialization;

namespace Vigil.Config.Model;

/// <summary>The checker block keyword.</summary>
public enum CheckerKind
{
    TcpCheck,
    HttpGet,
    SslGet,
    SmtpCheck,
    DnsCheck,
    MiscCheck,
    UdpCheck,
    PingCheck,
    FileCheck,
    BfdCheck,
}
