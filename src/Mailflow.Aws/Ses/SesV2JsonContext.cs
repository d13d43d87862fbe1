using System.Text.Json.Serialization;

namespace Mailflow.Aws.Ses;

/// <summary>
/// Source-generated JSON for the SES v2 wire format (AOT: no reflection). The API's own PascalCase names are kept;
/// reading ignores case, since error bodies vary.
/// </summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(SesSendEmailRequest))]
[JsonSerializable(typeof(SesSendEmailResponse))]
[JsonSerializable(typeof(SesErrorBody))]
internal sealed partial class SesV2JsonContext : JsonSerializerContext;
