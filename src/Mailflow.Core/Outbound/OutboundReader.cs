using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Mailflow.Core.Policy;

namespace Mailflow.Core.Outbound;

/// <summary>
/// Reads an outbound queue message into an <see cref="OutboundEnvelope"/>: syntax and types only (the rules are
/// <see cref="OutboundValidator"/>'s). A JSON error becomes one <see cref="OutboundProblem"/> at the path the
/// serializer reports, with a message that says what the envelope should contain instead of naming .NET types.
/// </summary>
public static class OutboundReader
{
    public const string SchemaDocument = "docs/schemas/mailflow.outbound.v1.schema.json";

    // Every property name of the contract, keyed by its letters alone: "idempotency_key", "IdempotencyKey" and
    // "idempotency-key" all find "idempotencyKey", so the error can say which name was meant.
    private static readonly Dictionary<string, string> s_knownNames = KnownNames(
        OutboundJsonContext.Default.OutboundEnvelope, OutboundJsonContext.Default.OutboundAddress, OutboundJsonContext.Default.OutboundAttachment);

    /// <exception cref="OutboundInvalidException">The text is not JSON, is JSON null, or does not have the envelope's shape.</exception>
    public static OutboundEnvelope Read(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            return JsonSerializer.Deserialize(json, OutboundJsonContext.Default.OutboundEnvelope)
                ?? throw Invalid("$", $"the message is JSON null; it must be a {OutboundEnvelope.SchemaName} object (see {SchemaDocument}).");
        }
        catch (JsonException ex)
        {
            var path = OutboundText.Printable(ex.Path ?? "$");
            throw Invalid(path, Explain(ex, path));
        }
    }

    private static OutboundInvalidException Invalid(string path, string message) =>
        new([new OutboundProblem(path, ReasonCodes.InvalidEnvelope, message)]);

    // System.Text.Json's messages name .NET types and may quote the input; say what the envelope should hold instead.
    private static string Explain(JsonException ex, string path) => ex.Message switch
    {
        var m when m.Contains("could not be mapped", StringComparison.Ordinal) => UnknownProperty(path),
        var m when m.Contains("Duplicate", StringComparison.Ordinal) =>
            "this property appears twice; give it once (readers disagree about which copy wins).",
        var m when m.Contains("could not be converted", StringComparison.Ordinal) =>
            $"wrong type of value: this property takes {Expected(m)} (see {SchemaDocument}).",
        _ => $"not valid JSON ({FirstSentence(ex.Message)}); fix the syntax at line {ex.LineNumber + 1}.",
    };

    private static string UnknownProperty(string path)
    {
        var name = LastSegment(path);
        var hint = s_knownNames.TryGetValue(Letters(name), out var known) && known != name
            ? $" Did you mean '{known}'? Property names are camelCase and case-sensitive."
            : "";
        return $"unknown property.{hint} See {SchemaDocument} for the properties an envelope may have.";
    }

    private static string Expected(string message) => message switch
    {
        _ when message.Contains("System.String", StringComparison.Ordinal) => "a string",
        _ when message.Contains("System.Boolean", StringComparison.Ordinal) => "true or false",
        _ when message.Contains("IReadOnlyDictionary", StringComparison.Ordinal) => "an object of header names and string values",
        _ when message.Contains("IReadOnlyList", StringComparison.Ordinal) => "an array",
        _ when message.Contains(nameof(OutboundAddress), StringComparison.Ordinal) => "an object with \"address\" and optionally \"name\"",
        _ when message.Contains(nameof(OutboundAttachment), StringComparison.Ordinal) => "an attachment object",
        _ => "an object",
    };

    private static string LastSegment(string path)
    {
        var dot = path.LastIndexOf('.');
        var segment = dot < 0 ? path : path[(dot + 1)..];
        return segment.Trim('[', ']', '\'');
    }

    private static string Letters(string name) =>
        string.Concat(name.Where(char.IsAsciiLetterOrDigit)).ToLowerInvariant();

    private static string FirstSentence(string message) => message.Split(" Path:", 2)[0].Split(" LineNumber:", 2)[0].TrimEnd('.', ' ', '|');

    private static Dictionary<string, string> KnownNames(params JsonTypeInfo[] types)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in types.SelectMany(t => t.Properties))
        {
            names.TryAdd(Letters(property.Name), property.Name);
        }
        return names;
    }
}
