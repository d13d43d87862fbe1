using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mailflow.Cli.Parsing;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(ParseOutcomeLine))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
