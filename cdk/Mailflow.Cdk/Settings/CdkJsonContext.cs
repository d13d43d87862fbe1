using System.Text.Json;

namespace Mailflow.Cdk.Settings;

/// <summary>
/// The <c>context</c> of cdk.json. The CDK CLI passes it to the app itself; <c>dotnet run</c> without the CLI
/// (DESIGN.md §4: synth in ~6 s, no Node CLI start) does not, so the app loads it and lets the CLI's values win.
/// </summary>
public static class CdkJsonContext
{
    public static IDictionary<string, object> Load(string repositoryRoot)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(repositoryRoot, RepositoryRoot.CdkJson)));
        return document.RootElement.TryGetProperty("context", out var context)
            ? context.EnumerateObject().ToDictionary(p => p.Name, p => ToPlain(p.Value))
            : new Dictionary<string, object>();
    }

    // jsii marshals dictionaries, lists and primitives, not JsonElement.
    private static object ToPlain(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => value.EnumerateObject().ToDictionary(p => p.Name, p => ToPlain(p.Value)),
        JsonValueKind.Array => value.EnumerateArray().Select(ToPlain).ToArray(),
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Number => value.TryGetInt64(out var whole) ? whole : value.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw new InvalidOperationException($"cdk.json context holds a {value.ValueKind}; use objects, arrays, strings, numbers or booleans."),
    };
}
