using System.Text.Json.Nodes;
using Mailflow.Cdk.Configuration;

namespace Mailflow.Cdk.Tests;

/// <summary>
/// The CDK reads mailflow.json with its own small model (it references no src project); these keep that model in step
/// with docs/schemas/mailflow.config.v1.schema.json and with the repository's mailflow.json.
/// </summary>
public sealed class ConfigSchemaAgreementTests
{
    private static readonly JsonObject s_schema =
        JsonNode.Parse(File.ReadAllText(Path.Combine(TestStacks.RepositoryRootPath, "docs", "schemas", "mailflow.config.v1.schema.json")))!.AsObject();

    private static JsonNode Property(params string[] path) =>
        path.Aggregate((JsonNode)s_schema, (node, name) => node["properties"]?[name] ?? throw new Xunit.Sdk.XunitException($"The schema has no {string.Join('.', path)}"));

    [Fact]
    public void The_properties_the_stack_reads_exist_in_the_schema()
    {
        _ = Property("domains");
        _ = Property("apps");
        _ = Property("queues", "maxReceiveCount");
        foreach (var name in new[] { "rawMailDays", "attachmentDays", "ledgerDays", "queueMessageSeconds" })
        {
            _ = Property("retention", name);
        }
        Assert.NotNull(s_schema["definitions"]!["app"]!["properties"]!["addresses"]);
        foreach (var name in new[] { "issuer", "clientId", "scopes", "token", "tokenEndpointOrigin" })
        {
            _ = Property("dashboard", "oidc", name);
        }
    }

    [Fact]
    public void The_stacks_defaults_are_the_schemas_defaults()
    {
        var retention = new RetentionSettings();
        Assert.Equal((int)Property("queues", "maxReceiveCount")["default"]!, new QueueSettings().MaxReceiveCount);
        Assert.Equal(QueueSettings.MinimumMaxReceiveCount, (int)Property("queues", "maxReceiveCount")["minimum"]!);
        Assert.Equal((int)Property("retention", "rawMailDays")["default"]!, retention.RawMailDays);
        Assert.Equal((int)Property("retention", "attachmentDays")["default"]!, retention.AttachmentDays);
        Assert.Equal((int)Property("retention", "ledgerDays")["default"]!, retention.LedgerDays);
        Assert.Equal((int)Property("retention", "queueMessageSeconds")["default"]!, retention.QueueMessageSeconds);
        var oidc = new OidcSignInSettings();
        Assert.Equal(Property("dashboard", "oidc", "scopes")["default"]!.AsArray().Select(s => (string?)s), oidc.Scopes);
        Assert.Equal((string?)Property("dashboard", "oidc", "token")["default"], oidc.Token);
    }

    [Fact]
    public void The_stack_checks_app_names_with_the_schemas_pattern_and_reserved_names()
    {
        var name = s_schema["definitions"]!["app"]!["properties"]!["name"]!;

        Assert.Equal(QueueNaming.AppNamePattern, (string?)name["pattern"]);
        var reserved = name["not"]!["anyOf"]!.AsArray().SelectMany(a => a!["enum"]?.AsArray().Select(e => (string?)e) ?? []).ToList();
        Assert.Equal(reserved.Order(), QueueNaming.ReservedNames.Order());
    }

    [Fact]
    public void The_repositorys_mailflow_json_loads_with_its_domains_apps_and_defaults()
    {
        var file = JsonNode.Parse(File.ReadAllText(Path.Combine(TestStacks.RepositoryRootPath, "mailflow.json")))!;

        var config = TestStacks.RepositoryConfig();

        Assert.Equal(file["domains"]!.AsArray().Select(d => (string?)d), config.Domains);
        Assert.Equal(file["apps"]!.AsArray().Select(a => (string?)a!["name"]), config.Apps.Select(a => a.Name));
        Assert.Equal(5, config.Queues.MaxReceiveCount);
        // MAILFLOW_CONFIG is the same document, without whitespace.
        Assert.True(JsonNode.DeepEquals(file, JsonNode.Parse(config.Json)));
    }
}
