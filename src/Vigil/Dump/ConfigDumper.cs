using System.Text;
using System.Text.Json;
using Vigil.Config.Model;

namespace Vigil.Cli.Dump;

/// <summary>
/// <c>-d</c>: the resolved model, readably (nested blocks, keepalived-like "key value" lines) or as JSON
/// (<c>--dump-conf=json</c>). Both come from the source-generated JSON metadata, so every model field appears.
/// </summary>
internal static class ConfigDumper
{
    public static string ToJson(KeepalivedConfig config) => JsonSerializer.Serialize(config, ConfigJsonContext.Default.KeepalivedConfig);

    public static string ToText(KeepalivedConfig config)
    {
        var element = JsonSerializer.SerializeToElement(config, ConfigJsonContext.Default.KeepalivedConfig);
        var sb = new StringBuilder();
        WriteObject(sb, element, 0);
        return sb.ToString();
    }

    private static void WriteObject(StringBuilder sb, JsonElement obj, int depth, string? titleKey = null)
    {
        foreach (var p in obj.EnumerateObject())
        {
            if (IsEmpty(p.Value) || p.Name == "location" || p.Name == titleKey)
            {
                continue;
            }

            Write(sb, p.Name, p.Value, depth);
        }
    }

    private static bool IsEmpty(JsonElement e) =>
        e.ValueKind is JsonValueKind.Null or JsonValueKind.False ||
        (e.ValueKind == JsonValueKind.Array && e.GetArrayLength() == 0) ||
        (e.ValueKind == JsonValueKind.Object && e.EnumerateObject().All(p => IsEmpty(p.Value) || p.Name == "location"));

    private static void Write(StringBuilder sb, string name, JsonElement value, int depth)
    {
        var indent = new string(' ', depth * 2);
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                var (title, key) = Title(value);
                sb.Append(indent).Append(name).Append(' ').Append(title).AppendLine("{");
                WriteObject(sb, value, depth + 1, key);
                sb.Append(indent).AppendLine("}");
                break;
            case JsonValueKind.Array when value.EnumerateArray().All(e => e.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array)):
                sb.Append(indent).Append(name).Append(' ').AppendLine(string.Join(' ', value.EnumerateArray().Select(Scalar)));
                break;
            case JsonValueKind.Array:
                foreach (var item in value.EnumerateArray())
                {
                    Write(sb, name, item, depth);
                }

                break;
            default:
                sb.Append(indent).Append(name).Append(' ').AppendLine(Scalar(value));
                break;
        }
    }

    /// <summary>A heading for a block: its name, address or type when it has one.</summary>
    private static (string Title, string? Key) Title(JsonElement obj)
    {
        foreach (var key in (string[])["name", "checker", "address"])
        {
            if (obj.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String)
            {
                var port = key == "address" && obj.TryGetProperty("port", out var p) && p.ValueKind == JsonValueKind.Number ? " " + p.GetRawText() : string.Empty;
                return (v.GetString() + port + " ", key);
            }
        }

        return (string.Empty, null);
    }

    private static string Scalar(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString() is { } s && (s.Length == 0 || s.Contains(' ')) ? $"\"{s}\"" : e.GetString()!,
        JsonValueKind.True => "true",
        _ => e.GetRawText(),
    };
}
