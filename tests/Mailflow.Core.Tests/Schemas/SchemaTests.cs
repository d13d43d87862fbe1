using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Mailflow.Core.Configuration;
using Mailflow.Core.Envelopes;
using Mailflow.Core.Outbound;
using Mailflow.Core.Pipeline;
using Mailflow.Core.Policy;
using Mailflow.Core.Tests.Support;
using NJsonSchema;

namespace Mailflow.Core.Tests.Schemas;

/// <summary>
/// The JSON Schemas in docs/schemas are a contract: what the pipeline writes, what the docs show and
/// what the config loader accepts must all agree with them, and they must be strict enough to catch a mistake.
/// </summary>
public sealed partial class SchemaTests
{
    private const string ConfigSchemaFile = "mailflow.config.v1.schema.json";
    private const string InboundSchemaFile = "mailflow.inbound.v1.schema.json";
    internal const string OutboundSchemaFile = "mailflow.outbound.v1.schema.json";

    private static readonly string[] s_recipients = ["_app1@example.com", "nobody@example.com"];

    private static readonly Lazy<Task<JsonSchema>> s_configSchema = new(() => JsonSchema.FromFileAsync(Path.Combine(RepositoryPaths.Schemas, ConfigSchemaFile)));
    private static readonly Lazy<Task<JsonSchema>> s_inboundSchema = new(() => JsonSchema.FromFileAsync(Path.Combine(RepositoryPaths.Schemas, InboundSchemaFile)));
    internal static readonly Lazy<Task<JsonSchema>> OutboundSchema = new(() => JsonSchema.FromFileAsync(Path.Combine(RepositoryPaths.Schemas, OutboundSchemaFile)));

    private static string FixturesConfig => Path.Combine(RepositoryPaths.MailFixtures, "mailflow.fixtures.json");

    /// <summary>Every ```json block of every Markdown file under docs/, as (path relative to the repository, index in the file).</summary>
    public static TheoryData<string, int> DocBlocks()
    {
        var data = new TheoryData<string, int>();
        foreach (var (file, index, _) in AllDocBlocks())
        {
            data.Add(file, index);
        }
        return data;
    }

    /// <summary>The repository's config files and every config example in the docs.</summary>
    public static TheoryData<string> Configs()
    {
        var data = new TheoryData<string> { "mailflow.json", "tests/fixtures/mail/mailflow.fixtures.json" };
        foreach (var (file, index, json) in AllDocBlocks())
        {
            if (SchemaNamedBy(json) == ConfigSchemaFile)
            {
                data.Add($"{file}#{index}");
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(DocBlocks))]
    public async Task Every_json_block_in_the_docs_validates_against_the_schema_it_names(string file, int index)
    {
        var json = AllDocBlocks().Single(b => b.File == file && b.Index == index).Json;
        var schemaFile = SchemaNamedBy(json);
        if (schemaFile is null)
        {
            Assert.Fail($"{file}, ```json block {index}: names no schema; an example must be an envelope (\"schema\": \"{InboundEnvelope.SchemaName}\" " +
                $"or \"{OutboundEnvelope.SchemaName}\") or a config (\"$schema\" ending in {ConfigSchemaFile}).");
        }
        var schema = await (schemaFile switch
        {
            ConfigSchemaFile => s_configSchema,
            OutboundSchemaFile => OutboundSchema,
            _ => s_inboundSchema,
        }).Value;

        AssertValid(schema, json, $"{file}, ```json block {index}");
    }

    [Fact]
    public void Each_document_shows_a_complete_json_example()
    {
        var files = AllDocBlocks().Select(b => b.File).ToHashSet(StringComparer.Ordinal);

        Assert.Contains("docs/envelopes.md", files);
        Assert.Contains("docs/configuration.md", files);
        Assert.Contains("docs/outbound.md", files);
    }

    [Theory]
    [MemberData(nameof(Configs))]
    public async Task Configs_in_the_repository_and_the_docs_match_the_schema_and_load(string source)
    {
        var json = ReadSource(source);

        AssertValid(await s_configSchema.Value, json, source);
        var loaded = source.Contains('#', StringComparison.Ordinal)
            ? ConfigLoader.Parse(json)
            : ConfigLoader.Load(Path.Combine(RepositoryPaths.Root, source));
        Assert.True(loaded.IsValid, $"{source}:{Environment.NewLine}{string.Join(Environment.NewLine, loaded.Problems)}");
    }

    [Fact]
    public async Task The_repository_mailflow_json_is_the_built_in_default()
    {
        var loaded = ConfigLoader.Load(Path.Combine(RepositoryPaths.Root, "mailflow.json"));

        Assert.True(loaded.IsValid);
        var config = loaded.Config!;
        var builtIn = DefaultConfig.Instance;
        Assert.Equal(builtIn.Environment, config.Environment);
        Assert.Equal(builtIn.Domains, config.Domains);
        Assert.Equal(builtIn.Apps.Select(a => a.Name), config.Apps.Select(a => a.Name));
        Assert.Equal(builtIn.Unroutable, config.Unroutable);
        Assert.Equal(builtIn.Limits, config.Limits);
        Assert.Equal(builtIn.Retention, config.Retention);
        Assert.Equal(builtIn.Links, config.Links);
        Assert.Equal(builtIn.Outbound, config.Outbound);
        AssertValid(await s_configSchema.Value, await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "mailflow.json")), "mailflow.json");
    }

    [Fact]
    public void The_docs_show_every_outbound_setting_in_a_config_that_loads()
    {
        var outbound = AllDocBlocks()
            .Where(b => SchemaNamedBy(b.Json) == ConfigSchemaFile)
            .Select(b => ConfigLoader.Parse(b.Json).Config?.Outbound)
            .OfType<OutboundConfig>()
            .Where(o => o.Relay is not null)
            .ToList();
        var defaults = new OutboundConfig();

        var example = Assert.Single(outbound);
        Assert.NotEqual(defaults.IdempotencyTtlHours, example.IdempotencyTtlHours);
        Assert.NotEqual(defaults.MaxRecipients, example.MaxRecipients);
        Assert.NotEqual(defaults.MaxMessageBytes, example.MaxMessageBytes);
        Assert.NotEqual(defaults.MaxAttachmentBytes, example.MaxAttachmentBytes);
        Assert.NotEqual(defaults.MaxHops, example.MaxHops);
        Assert.NotEqual(defaults.RateLimits.PerApp, example.RateLimits.PerApp);
        Assert.NotEqual(defaults.RateLimits.PerRecipientDomain, example.RateLimits.PerRecipientDomain);
        Assert.NotNull(example.Relay!.Username);
        Assert.NotNull(example.Relay.PasswordEnvironmentVariable);
        Assert.NotEqual(new RelayConfig().Port, example.Relay.Port);
        Assert.NotEqual(new RelayConfig().Security, example.Relay.Security);
    }

    [Fact]
    public async Task The_outbound_defaults_in_the_schema_are_the_ones_the_loader_applies()
    {
        var schema = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Schemas, ConfigSchemaFile)))!;
        var defaults = new MailflowConfig { Outbound = new OutboundConfig { Relay = new RelayConfig() } };
        var written = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(defaults, ConfigJsonContext.Default.MailflowConfig))!;
        var compared = new List<string>();

        Compare(schema["properties"]!["outbound"]!, written["outbound"]!, "outbound");
        Compare(schema["properties"]!["outbound"]!["properties"]!["rateLimits"]!, written["outbound"]!["rateLimits"]!, "outbound.rateLimits");
        Compare(schema["definitions"]!["relay"]!, written["outbound"]!["relay"]!, "relay");

        Assert.Equal(
        [
            "outbound.idempotencyTtlHours", "outbound.maxRecipients", "outbound.maxMessageBytes", "outbound.maxAttachmentBytes", "outbound.maxHops",
            "outbound.rateLimits.perApp", "outbound.rateLimits.perRecipientDomain", "relay.port", "relay.security",
        ], compared);

        void Compare(JsonNode schemaObject, JsonNode values, string path)
        {
            foreach (var (name, property) in schemaObject["properties"]!.AsObject())
            {
                if (property?["default"] is { } expected)
                {
                    Assert.True(JsonNode.DeepEquals(expected, values[name]), $"{path}.{name}: the schema says {expected.ToJsonString()}, the loader applies {values[name]?.ToJsonString()}");
                    compared.Add($"{path}.{name}");
                }
            }
        }
    }

    [Fact]
    public async Task Envelopes_from_the_pipeline_match_the_inbound_schema()
    {
        var schema = await s_inboundSchema.Value;
        var pipeline = new TestPipeline(TestPipeline.LoadConfig(FixturesConfig));
        var mails = Directory.EnumerateFiles(RepositoryPaths.MailFixtures, "*.eml").Order(StringComparer.Ordinal)
            .Select(path => (Name: Path.GetFileName(path), Raw: File.ReadAllBytes(path), Verdicts: ReceiptVerdicts.AllPass))
            .Concat(BuiltMails())
            .ToList();
        var failures = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);

        for (var i = 0; i < mails.Count; i++)
        {
            var (name, raw, verdicts) = mails[i];
            var result = await pipeline.ReceiveAsync(raw, s_recipients, $"schema-{i:D4}", verdicts);
            foreach (var envelope in result.Deliveries.Select(d => d.Envelope).OfType<InboundEnvelope>())
            {
                var json = Encoding.UTF8.GetString(EnvelopePublisher.Serialize(envelope));
                var errors = schema.Validate(json);
                if (errors.Count > 0)
                {
                    failures.Add($"{name} ({envelope.Id}): {string.Join("; ", errors)}");
                }
                seen.Add(Kind(envelope));
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.Superset(new HashSet<string>(["delivered", "quarantined-unroutable", "quarantined-app", "claim-checked", "attachment-stored", "attachment-blocked"]), seen);
    }

    [Theory]
    [InlineData("app name with a space and capitals", """{ "domains": ["example.com"], "apps": [{ "name": "Bad Name" }] }""")]
    [InlineData("unknown property", """{ "domains": ["example.com"], "apps": [{ "name": "app1" }], "colour": "blue" }""")]
    [InlineData("maxMessageBytes 0", """{ "domains": ["example.com"], "apps": [{ "name": "app1" }], "limits": { "maxMessageBytes": 0 } }""")]
    [InlineData("catchAll without an app", """{ "domains": ["example.com"], "apps": [{ "name": "app1" }], "unroutable": { "action": "catchAll" } }""")]
    [InlineData("reserved app name", """{ "domains": ["example.com"], "apps": [{ "name": "quarantine" }] }""")]
    [InlineData("verdict status SES does not have", """{ "domains": ["example.com"], "apps": [{ "name": "app1" }], "verdicts": { "spam": { "MAYBE": "accept" } } }""")]
    [InlineData("outbound maxRecipients above what SES v2 sends to", """{ "domains": ["example.com"], "apps": [{ "name": "app1" }], "outbound": { "maxRecipients": 51 } }""")]
    [InlineData("outbound null", """{ "domains": ["example.com"], "apps": [{ "name": "app1" }], "outbound": null }""")]
    [InlineData("unknown outbound property", """{ "domains": ["example.com"], "apps": [{ "name": "app1" }], "outbound": { "maxHop": 3 } }""")]
    [InlineData("rate limit of 0 per second", """{ "domains": ["example.com"], "apps": [{ "name": "app1" }], "outbound": { "rateLimits": { "perApp": { "perSecond": 0, "burst": 5 } } } }""")]
    [InlineData("rate limit without a burst", """{ "domains": ["example.com"], "apps": [{ "name": "app1" }], "outbound": { "rateLimits": { "perRecipientDomain": { "perSecond": 1 } } } }""")]
    [InlineData("relay without a host", """{ "domains": ["example.com"], "apps": [{ "name": "app1" }], "outbound": { "relay": { "port": 25 } } }""")]
    [InlineData("relay port 0", """{ "domains": ["example.com"], "apps": [{ "name": "app1" }], "outbound": { "relay": { "host": "127.0.0.1", "port": 0 } } }""")]
    [InlineData("relay security ssl", """{ "domains": ["example.com"], "apps": [{ "name": "app1" }], "outbound": { "relay": { "host": "127.0.0.1", "security": "ssl" } } }""")]
    [InlineData("relay username without a password variable", """{ "domains": ["example.com"], "apps": [{ "name": "app1" }], "outbound": { "relay": { "host": "127.0.0.1", "username": "u" } } }""")]
    [InlineData("relay password variable without a username", """{ "domains": ["example.com"], "apps": [{ "name": "app1" }], "outbound": { "relay": { "host": "127.0.0.1", "passwordEnvironmentVariable": "PW" } } }""")]
    [InlineData("relay password variable that is not a name", """{ "domains": ["example.com"], "apps": [{ "name": "app1" }], "outbound": { "relay": { "host": "127.0.0.1", "username": "u", "passwordEnvironmentVariable": "hunter 2" } } }""")]
    public async Task A_config_with_a_problem_fails_the_schema_and_the_loader(string problem, string json)
    {
        var errors = (await s_configSchema.Value).Validate(json);
        var loaded = ConfigLoader.Parse(json);

        Assert.True(errors.Count > 0, $"the schema accepts a config with this problem: {problem}");
        Assert.False(loaded.IsValid, $"the loader accepts a config with this problem: {problem}");
    }

    [Theory]
    [InlineData("id missing")]
    [InlineData("attachment status maybe")]
    [InlineData("schema of another version")]
    [InlineData("verdict status in lower case")]
    [InlineData("unknown property")]
    [InlineData("stored attachment without a link")]
    [InlineData("receivedAt not a date")]
    [InlineData("no app and no quarantine reason")]
    public async Task A_hand_edited_envelope_fails_the_schema(string edit)
    {
        var schema = await s_inboundSchema.Value;
        var pipeline = new TestPipeline();
        var mail = MailBuilder.WithAttachment("invoice.pdf", "application/pdf", "%PDF-1.7 invoice"u8.ToArray());
        var result = await pipeline.ReceiveAsync(mail, "_app1@example.com");
        var envelope = JsonNode.Parse(EnvelopePublisher.Serialize(Assert.Single(result.Deliveries).Envelope!))!.AsObject();
        AssertValid(schema, envelope.ToJsonString(), "the envelope before the edit");

        switch (edit)
        {
            case "id missing":
                envelope.Remove("id");
                break;
            case "attachment status maybe":
                envelope["attachments"]![0]!["status"] = "maybe";
                break;
            case "schema of another version":
                envelope["schema"] = "mailflow.inbound.v2";
                break;
            case "verdict status in lower case":
                envelope["verdicts"]!["spam"] = "pass";
                break;
            case "unknown property":
                envelope["priority"] = "high";
                break;
            case "stored attachment without a link":
                envelope["attachments"]![0]!["url"] = null;
                break;
            case "receivedAt not a date":
                envelope["receivedAt"] = "yesterday";
                break;
            case "no app and no quarantine reason":
                envelope["app"] = null;
                break;
        }

        Assert.NotEmpty(schema.Validate(envelope.ToJsonString()));
    }

    private static IEnumerable<(string Name, byte[] Raw, ReceiptVerdicts Verdicts)> BuiltMails()
    {
        static byte[] Bytes(string mail) => Encoding.UTF8.GetBytes(mail.ReplaceLineEndings("\r\n"));
        yield return ("MailBuilder.Simple", Bytes(MailBuilder.Simple()), ReceiptVerdicts.AllPass);
        yield return ("MailBuilder.Simple, dmarc FAIL", Bytes(MailBuilder.Simple(messageId: "<m3@sender.example>")),
            ReceiptVerdicts.AllPass with { Spf = "FAIL", Dmarc = "FAIL" });
        yield return ("MailBuilder.WithAttachment pdf", Bytes(MailBuilder.WithAttachment("invoice.pdf", "application/pdf", "%PDF-1.7 invoice"u8.ToArray())),
            ReceiptVerdicts.AllPass);
        yield return ("MailBuilder.WithAttachment exe", Bytes(MailBuilder.WithAttachment("setup.exe", "application/octet-stream", "MZ\x90\0"u8.ToArray())),
            ReceiptVerdicts.AllPass with { Virus = "GRAY" });
        yield return ("MailBuilder.Simple, 300 KB body", Bytes(MailBuilder.Simple(body: new string('x', 300 * 1024))), ReceiptVerdicts.AllPass);
    }

    private static string Kind(InboundEnvelope envelope) => envelope switch
    {
        { ClaimCheck: not null } => "claim-checked",
        { Attachments: [{ Status: EnvelopeAttachment.Blocked }, ..] } => "attachment-blocked",
        { Attachments: [{ Status: EnvelopeAttachment.Stored }, ..] } => "attachment-stored",
        { Quarantine: not null, App: null } => "quarantined-unroutable",
        { Quarantine: not null } => "quarantined-app",
        _ => "delivered",
    };

    internal static void AssertValid(JsonSchema schema, string json, string source)
    {
        var errors = schema.Validate(json);
        Assert.True(errors.Count == 0, $"{source} does not match {Path.GetFileName(schema.DocumentPath)}:{Environment.NewLine}{string.Join(Environment.NewLine, errors)}");
    }

    /// <summary>The schema file an example names: envelopes by their "schema", configs by their "$schema".</summary>
    internal static string? SchemaNamedBy(string json)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
        if (node is not JsonObject document)
        {
            return null;
        }
        if (document["schema"] is JsonValue envelopeSchema && envelopeSchema.TryGetValue(out string? name))
        {
            return name switch
            {
                InboundEnvelope.SchemaName => InboundSchemaFile,
                OutboundEnvelope.SchemaName => OutboundSchemaFile,
                _ => null,
            };
        }
        if (document["$schema"] is JsonValue configSchema && configSchema.TryGetValue(out string? path) &&
            path.EndsWith(ConfigSchemaFile, StringComparison.Ordinal))
        {
            return ConfigSchemaFile;
        }
        return null;
    }

    private static string ReadSource(string source)
    {
        var hash = source.IndexOf('#', StringComparison.Ordinal);
        if (hash < 0)
        {
            return File.ReadAllText(Path.Combine(RepositoryPaths.Root, source));
        }
        var (file, index) = (source[..hash], int.Parse(source[(hash + 1)..], System.Globalization.CultureInfo.InvariantCulture));
        return AllDocBlocks().Single(b => b.File == file && b.Index == index).Json;
    }

    internal static IEnumerable<(string File, int Index, string Json)> AllDocBlocks()
    {
        var files = Directory.EnumerateFiles(RepositoryPaths.Docs, "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal);
        foreach (var path in files)
        {
            var file = Path.GetRelativePath(RepositoryPaths.Root, path).Replace('\\', '/');
            var blocks = JsonBlock().Matches(File.ReadAllText(path));
            for (var i = 0; i < blocks.Count; i++)
            {
                yield return (file, i, blocks[i].Groups["json"].Value);
            }
        }
    }

    [GeneratedRegex(@"^[ \t]*```json[ \t]*\r?\n(?<json>.*?)^[ \t]*```[ \t]*$", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex JsonBlock();
}
