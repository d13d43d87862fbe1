using System.Text.Json;

namespace Mailflow.Core.Redaction;

/// <summary>
/// A JSON document (an envelope) with every address inside its string values masked by <see cref="Redact.AddressesIn"/>.
/// Value by value, not over the JSON text: in the text, an escape before an address (<c>\n</c> in a subject, say) reads
/// as part of its local part, and masking it would leave an invalid escape behind (<c>\***@example.com</c>).
/// </summary>
public static class JsonRedaction
{
    public static JsonElement AddressesIn(JsonElement json)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(json, writer);
        }
        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    /// <summary>
    /// A queue message's body masked: value by value when it is JSON (every envelope is), as text otherwise (a body an
    /// app or a test put on a queue may be anything).
    /// </summary>
    public static string AddressesInBody(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return Redact.AddressesIn(body);
        }
        using (document)
        {
            var buffer = new System.Buffers.ArrayBufferWriter<byte>();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                Write(document.RootElement, writer);
            }
            return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
        }
    }

    private static void Write(JsonElement json, Utf8JsonWriter writer)
    {
        switch (json.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in json.EnumerateObject())
                {
                    writer.WritePropertyName(property.Name);
                    Write(property.Value, writer);
                }
                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in json.EnumerateArray())
                {
                    Write(item, writer);
                }
                writer.WriteEndArray();
                break;
            case JsonValueKind.String:
                writer.WriteStringValue(Redact.AddressesIn(json.GetString()));
                break;
            default:
                json.WriteTo(writer);
                break;
        }
    }
}
