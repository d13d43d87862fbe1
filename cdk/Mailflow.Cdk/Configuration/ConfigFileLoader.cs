using System.Text.Json;
using System.Text.Json.Nodes;

namespace Mailflow.Cdk.Configuration;

/// <summary>
/// Reads mailflow.json for the stack and rejects, with every problem named, what would make a broken stack: app names
/// that are not valid parts of a queue name, too few receives before the DLQ, retention SQS refuses. The full
/// validation (<c>mailflow config check</c>) stays in Mailflow.Core; this checks what the infrastructure depends on.
/// </summary>
public static class ConfigFileLoader
{
    private static readonly JsonSerializerOptions s_options = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <exception cref="InvalidOperationException">The file is missing, is not JSON, or has values the stack cannot deploy.</exception>
    public static MailflowConfigFile Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"The config file {path} does not exist; set configFile of the environment in cdk.json to a mailflow.json.");
        }
        return Parse(File.ReadAllText(path), path);
    }

    /// <exception cref="InvalidOperationException">The JSON is invalid or has values the stack cannot deploy.</exception>
    public static MailflowConfigFile Parse(string json, string source)
    {
        MailflowConfigFile? config;
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            config = node.Deserialize<MailflowConfigFile>(s_options);
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"{source} is not valid mailflow.json: {e.Message}", e);
        }
        if (config is null || node is null)
        {
            throw new InvalidOperationException($"{source} is empty; it must be a mailflow.json object with domains and apps.");
        }
        var problems = Problems(config).ToList();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException($"{source} cannot be deployed:\n" + string.Join('\n', problems.Select(p => "  " + p)));
        }
        return config with { Json = node.ToJsonString() };
    }

    private static IEnumerable<string> Problems(MailflowConfigFile config)
    {
        if (config.Domains.Count == 0)
        {
            yield return "$.domains: at least one domain is required.";
        }
        if (config.Apps.Count == 0)
        {
            yield return "$.apps: at least one app is required.";
        }
        for (var i = 0; i < config.Apps.Count; i++)
        {
            if (QueueNaming.AppNameProblem(config.Apps[i].Name) is { } problem)
            {
                yield return $"$.apps[{i}].name: {problem}";
            }
        }
        foreach (var duplicate in config.Apps.GroupBy(a => a.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            yield return $"$.apps: the app name '{duplicate.Key}' is used twice; each app gets its own queue, so names must be unique.";
        }
        if (config.Queues.MaxReceiveCount < QueueSettings.MinimumMaxReceiveCount)
        {
            yield return $"$.queues.maxReceiveCount: {config.Queues.MaxReceiveCount} is below {QueueSettings.MinimumMaxReceiveCount}; use at least 5 so a message survives a few failed consumers.";
        }
        if (config.Retention.QueueMessageSeconds is < 60 or > 1_209_600)
        {
            yield return $"$.retention.queueMessageSeconds: {config.Retention.QueueMessageSeconds} is outside SQS's 60 to 1209600 seconds.";
        }
        if (config.Dashboard?.Oidc is { } oidc)
        {
            // The CSP and config.json are built from these; the rest of the section is checked by mailflow config check.
            if (!IsHttps(oidc.Issuer))
            {
                yield return $"$.dashboard.oidc.issuer: '{oidc.Issuer}' is not an https URL; the dashboard reads the provider's discovery document from it.";
            }
            if (string.IsNullOrWhiteSpace(oidc.ClientId))
            {
                yield return "$.dashboard.oidc.clientId: is required; give the dashboard's public client id.";
            }
            if (oidc.TokenEndpointOrigin is { } origin && (!IsHttps(origin) || new Uri(origin).PathAndQuery != "/" || origin.EndsWith('/')))
            {
                yield return $"$.dashboard.oidc.tokenEndpointOrigin: '{origin}' is not an https origin (scheme://host[:port], no path).";
            }
        }
    }

    private static bool IsHttps(string? url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps;
}
