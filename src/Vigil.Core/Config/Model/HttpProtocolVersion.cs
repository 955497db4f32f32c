using System.Collections.Immutable;
using System.Net;
using System.Text.Json.Serialization;

namespace Vigil.Config.Model;

/// <summary><c>http_protocol 1.0|1.0C|1.1</c> (1.0C = 1.0 plus "Connection: close").</summary>
public enum HttpProtocolVersion
{
    Http10,
    Http10Close,
    Http11,
}
