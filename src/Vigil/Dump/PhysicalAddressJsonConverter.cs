using System.Net.NetworkInformation;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Vigil.Cli.Dump;

/// <summary>Writes MAC addresses as aa:bb:cc:dd:ee:ff.</summary>
internal sealed class PhysicalAddressJsonConverter : JsonConverter<PhysicalAddress>
{
    public override PhysicalAddress? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetString() is { } s ? PhysicalAddress.Parse(s.Replace(':', '-')) : null;

    public override void Write(Utf8JsonWriter writer, PhysicalAddress value, JsonSerializerOptions options) =>
        writer.WriteStringValue(string.Join(':', value.GetAddressBytes().Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture))));
}
