using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Vigil.Cli.Dump;

/// <summary>Writes durations as decimal seconds, keepalived's unit for every timer (microsecond resolution).</summary>
internal sealed class TimeSpanSecondsJsonConverter : JsonConverter<TimeSpan>
{
    public override TimeSpan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        TimeSpan.FromTicks((long)Math.Round(reader.GetDecimal() * TimeSpan.TicksPerSecond));

    public override void Write(Utf8JsonWriter writer, TimeSpan value, JsonSerializerOptions options) =>
        writer.WriteRawValue(((decimal)value.Ticks / TimeSpan.TicksPerSecond).ToString("0.######", CultureInfo.InvariantCulture));
}
