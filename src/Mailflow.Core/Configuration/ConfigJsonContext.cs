using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mailflow.Core.Configuration;

/// <summary>
/// Source-generated JSON for mailflow.json. Unknown properties are errors: a misspelt setting that is
/// silently ignored is a setting that does not work (LESSONS.md: "settings read but never used").
/// Names and numbers are read strictly (the Web defaults would accept "MaxAttachments" or "5"): the
/// file must mean what its schema says. The models use <c>set</c>, not <c>init</c>: the generator builds init-only objects through an
/// initializer that sets every property, so an absent property would overwrite its default with null.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    PropertyNameCaseInsensitive = false,
    NumberHandling = JsonNumberHandling.Strict,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(MailflowConfig))]
public sealed partial class ConfigJsonContext : JsonSerializerContext;
