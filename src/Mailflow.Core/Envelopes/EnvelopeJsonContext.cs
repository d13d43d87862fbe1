using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mailflow.Core.Envelopes;

/// <summary>
/// Source-generated JSON for envelopes: camelCase, nulls written so the shape is stable.
/// Use <see cref="Envelopes"/>: it writes non-ASCII text as itself rather than as \u escapes
/// (envelopes are data for apps, never inlined into HTML, where the stricter default would matter).
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(InboundEnvelope))]
public sealed partial class EnvelopeJsonContext : JsonSerializerContext
{
    public static EnvelopeJsonContext Envelopes { get; } = new(new JsonSerializerOptions(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
