using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mailflow.Core.Outbound;

/// <summary>
/// Source-generated JSON for <c>mailflow.outbound.v1</c>, read as strictly as mailflow.json
/// (<see cref="Configuration.ConfigJsonContext"/>): camelCase names matched case-sensitively, unknown properties are
/// errors, numbers and booleans must be JSON numbers and booleans, and a property may appear once. The previous
/// implementation failed exactly here: apps sent <c>idempotency_key</c>, it was silently ignored, and nothing was ever
/// sent (LESSONS.md, Outbound). Every member is nullable, so a <c>null</c> (also inside a list or as a header value)
/// reaches <see cref="OutboundValidator"/>, which names its path.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    PropertyNameCaseInsensitive = false,
    NumberHandling = JsonNumberHandling.Strict,
    AllowDuplicateProperties = false,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(OutboundEnvelope))]
public sealed partial class OutboundJsonContext : JsonSerializerContext;
