using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mailflow.Local.Storage;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(StoredEnvelope))]
internal sealed partial class StoredEnvelopeJsonContext : JsonSerializerContext;
