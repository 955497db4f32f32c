using System.Collections.Immutable;
using System.Net;
using System.Text.Json.Serialization;

namespace Vigil.Config.Model;

/// <summary>An inclusive HTTP status code range.</summary>
public sealed record StatusCodeRange(int First, int Last)
{
    public bool Contains(int status) => status >= First && status <= Last;
}
