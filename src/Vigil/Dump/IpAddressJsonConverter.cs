using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Vigil.Cli.Dump;

/// <summary>Writes addresses as their usual text form.</summary>
internal sealed class IpAddressJsonConverter : JsonConverter<IPAddress>
{
    public override IPAddress? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetString() is { } s ? IPAddress.Parse(s) : null;

    public override void Write(Utf8JsonWriter writer, IPAddress value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
}
