using System.Text.Json.Serialization;

namespace Mailflow.Lambda.Tests.AspNetCore;

/// <summary>The test app's JSON, source-generated as the API function's must be under Native AOT.</summary>
[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Health))]
[JsonSerializable(typeof(Echo))]
[JsonSerializable(typeof(Note))]
internal sealed partial class BridgeJsonContext : JsonSerializerContext;
