using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mailflow.Core.Ses;

/// <summary>Source-generated JSON for the SES notification (AOT-safe; no reflection).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SesReceiptNotification))]
public sealed partial class SesJsonContext : JsonSerializerContext;
