using System.Text.Json;

namespace Mailflow.Core.Configuration;

/// <summary>Reads mailflow.json: syntax and types first (System.Text.Json), then every semantic rule (<see cref="ConfigValidator"/>).</summary>
public static class ConfigLoader
{
    public const string SchemaDocument = "docs/schemas/mailflow.config.v1.schema.json";

    /// <summary>Loads the file, or the built-in default when <paramref name="path"/> is null.</summary>
    public static ConfigLoadResult Load(string? path)
    {
        if (path is null)
        {
            return new ConfigLoadResult(DefaultConfig.Instance, []);
        }
        if (!File.Exists(path))
        {
            return Failed("$", $"The file {path} does not exist; give the path of a mailflow.json, or none to use the built-in default.");
        }
        return Parse(File.ReadAllText(path));
    }

    public static ConfigLoadResult Parse(string json)
    {
        MailflowConfig? config;
        try
        {
            config = JsonSerializer.Deserialize(json, ConfigJsonContext.Default.MailflowConfig);
        }
        catch (JsonException ex)
        {
            return Failed(ex.Path ?? "$", Explain(ex));
        }
        if (config is null)
        {
            return Failed("$", "The file holds JSON null; it must be an object like the one in " + SchemaDocument + ".");
        }
        var problems = ConfigValidator.Validate(config);
        return new ConfigLoadResult(problems.Count == 0 ? config : null, problems);
    }

    private static ConfigLoadResult Failed(string path, string message) => new(null, [new ConfigProblem(path, message)]);

    // System.Text.Json's messages name .NET types; say what the file should contain instead.
    private static string Explain(JsonException ex) => ex.Message switch
    {
        var m when m.Contains("could not be mapped", StringComparison.Ordinal) =>
            $"unknown property; check its spelling against {SchemaDocument}.",
        var m when m.Contains("could not be converted", StringComparison.Ordinal) =>
            $"wrong type of value; see {SchemaDocument} for what this setting takes.",
        var m when m.Contains("missing required", StringComparison.Ordinal) =>
            "a required property is missing; see " + SchemaDocument + ".",
        _ => $"not valid JSON ({FirstSentence(ex.Message)}); fix the syntax at line {ex.LineNumber + 1}.",
    };

    private static string FirstSentence(string message) => message.Split(" Path:", 2)[0].TrimEnd('.');
}
