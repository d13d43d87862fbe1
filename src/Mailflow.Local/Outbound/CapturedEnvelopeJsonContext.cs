using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mailflow.Local.Outbound;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true)]
[JsonSerializable(typeof(CapturedEnvelope))]
internal sealed partial class CapturedEnvelopeJsonContext : JsonSerializerContext;
