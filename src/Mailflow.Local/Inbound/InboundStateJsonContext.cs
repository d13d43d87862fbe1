using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mailflow.Local.Inbound;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(InboundStateRecord))]
internal sealed partial class InboundStateJsonContext : JsonSerializerContext;
