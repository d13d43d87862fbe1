using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mailflow.Local.Http;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(HealthReport))]
[JsonSerializable(typeof(IReadOnlyList<QueueHealth>))]
[JsonSerializable(typeof(IReadOnlyList<PeekedMessageView>))]
[JsonSerializable(typeof(ErrorView))]
public sealed partial class LocalHttpJsonContext : JsonSerializerContext;
