using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mailflow.ApiFunction;

/// <summary>Source-generated JSON of the API's responses (camelCase, AOT-safe).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(HealthView))]
[JsonSerializable(typeof(ErrorView))]
public sealed partial class ApiJsonContext : JsonSerializerContext;
