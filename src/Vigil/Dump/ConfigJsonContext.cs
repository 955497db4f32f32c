using System.Text.Json.Serialization;
using Vigil.Config;
using Vigil.Config.Model;

namespace Vigil.Cli.Dump;

/// <summary>Source-generated JSON metadata for the configuration model (AOT-safe; no reflection).</summary>
[JsonSourceGenerationOptions(
    WriteIndented = true,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    Converters = [typeof(IpAddressJsonConverter), typeof(PhysicalAddressJsonConverter), typeof(TimeSpanSecondsJsonConverter)])]
[JsonSerializable(typeof(KeepalivedConfig))]
[JsonSerializable(typeof(ConfigDiagnostic))]
internal sealed partial class ConfigJsonContext : JsonSerializerContext;
