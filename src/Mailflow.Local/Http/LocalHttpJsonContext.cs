using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mailflow.Local.Http;

/// <summary>
/// The answers of the old unauthenticated queue endpoints, kept only because <c>mailflow queues</c> still reads them;
/// the JWT-protected API serves queues now, and these types go when that command moves to it.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(IReadOnlyList<QueueHealth>))]
[JsonSerializable(typeof(IReadOnlyList<PeekedMessageView>))]
public sealed partial class LocalHttpJsonContext : JsonSerializerContext;
