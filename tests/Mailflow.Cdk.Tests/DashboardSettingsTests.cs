using System.Text.Json.Nodes;
using Mailflow.Cdk.Configuration;

namespace Mailflow.Cdk.Tests;

/// <summary>
/// The dashboard's config.json (docs/dashboard.md) as the stack deploys it, and the CSP that lets the page sign in
/// through the configured OpenID Connect provider.
/// </summary>
public sealed class DashboardSettingsTests
{
    /// <summary>cdk.json's dev jwtIssuer: the provider's issuer must be the one the API trusts.</summary>
    private const string DevIssuer = "https://login-dev.example.com/";

    private const string CognitoDomain = "https://acme.auth.eu-west-1.amazoncognito.com";

    private static MailflowConfigFile WithOidc(OidcSignInSettings oidc) =>
        TestStacks.RepositoryConfig() with { Dashboard = new DashboardSettings { Oidc = oidc } };

    /// <summary>Synthesizes the dev stack from <paramref name="config"/> with a built dashboard, and hands it to <paramref name="check"/>.</summary>
    private static void WithBuiltDashboard(MailflowConfigFile config, Action<Synthesized> check)
    {
        var dist = Directory.CreateTempSubdirectory("mailflow-dist-").FullName;
        File.WriteAllText(Path.Combine(dist, "index.html"), "<!doctype html><title>Mailflow</title>");
        try
        {
            check(TestStacks.WithDashboard(dist, config));
        }
        finally
        {
            Directory.Delete(dist, recursive: true);
        }
    }

    private static JsonObject DeploymentOf(Synthesized stack, Amazon.CDK.AWS.S3.Deployment.BucketDeployment deployment) =>
        Synthesized.Properties(stack.Json["Resources"]![stack.LogicalId(deployment.Node.FindChild("CustomResource"))]!.AsObject());

    /// <summary>The config.json the settings deployment uploads, with its deploy-time markers replaced by the CloudFormation values they stand for.</summary>
    private static JsonObject SettingsDocument(Synthesized stack)
    {
        var deployment = DeploymentOf(stack, stack.Stack.Dashboard.SettingsDeployment!);
        var key = (string)Assert.Single(deployment["SourceObjectKeys"]!.AsArray())!;
        var outdir = ((Amazon.CDK.App)stack.Stack.Node.Root).Outdir;
        var text = File.ReadAllText(Path.Combine(outdir, $"asset.{Path.GetFileNameWithoutExtension(key)}", "config.json"));
        foreach (var (marker, value) in deployment["SourceMarkers"]?.AsArray().SelectMany(m => m!.AsObject()) ?? [])
        {
            text = text.Replace(marker, $"{{ref:{Synthesized.Target(value)}}}", StringComparison.Ordinal);
        }
        return JsonNode.Parse(text)!.AsObject();
    }

    private static string ConnectSrc(Synthesized stack)
    {
        var headers = Synthesized.Properties(Assert.Single(stack.Resources("AWS::CloudFront::ResponseHeadersPolicy")).Value)["ResponseHeadersPolicyConfig"]!["SecurityHeadersConfig"]!;
        var csp = string.Concat(headers["ContentSecurityPolicy"]!["ContentSecurityPolicy"]!["Fn::Join"]![1]!.AsArray()
            .Select(part => part is JsonValue v ? (string)v! : $"{{ref:{Synthesized.Target(part)}}}"));
        return csp.Split(';', StringSplitOptions.TrimEntries).Single(d => d.StartsWith("connect-src ", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_oidc_config_json_has_the_API_endpoint_the_environment_and_a_null_oidc()
    {
        WithBuiltDashboard(TestStacks.RepositoryConfig(), stack =>
        {
            var settings = SettingsDocument(stack);

            Assert.Equal(["apiBaseUrl", "environment", "oidc", "rolesClaim"], settings.Select(p => p.Key));
            Assert.Equal("roles", (string?)settings["rolesClaim"]);
            Assert.Equal($"{{ref:{stack.LogicalId(stack.Stack.Api.HttpApi)}}}", (string?)settings["apiBaseUrl"]);
            Assert.Equal("dev", (string?)settings["environment"]);
            Assert.Null(settings["oidc"]);
        });
    }

    [Fact]
    public void Config_json_names_the_roles_claim_of_the_config_so_the_page_reads_roles_where_the_API_does()
    {
        WithBuiltDashboard(TestStacks.RepositoryConfig() with { Api = new ApiSettings { RolesClaim = "cognito:groups" } }, stack =>
            Assert.Equal("cognito:groups", (string?)SettingsDocument(stack)["rolesClaim"]));
    }

    [Fact]
    public void With_oidc_config_json_carries_issuer_client_id_scopes_and_token_with_their_defaults_and_nothing_else()
    {
        WithBuiltDashboard(WithOidc(new OidcSignInSettings { Issuer = DevIssuer, ClientId = "mailflow-dashboard", TokenEndpointOrigin = CognitoDomain }), stack =>
        {
            var oidc = SettingsDocument(stack)["oidc"]!;

            var expected = JsonNode.Parse($$"""{ "issuer": "{{DevIssuer}}", "clientId": "mailflow-dashboard", "scopes": ["openid"], "token": "access_token" }""");
            Assert.True(JsonNode.DeepEquals(expected, oidc), oidc.ToJsonString());
        });
    }

    [Fact]
    public void Config_json_is_uploaded_on_its_own_with_no_cache_and_invalidated_while_the_dist_sync_leaves_it_alone()
    {
        WithBuiltDashboard(TestStacks.RepositoryConfig(), stack =>
        {
            var settings = DeploymentOf(stack, stack.Stack.Dashboard.SettingsDeployment!);
            var dist = DeploymentOf(stack, stack.Stack.Dashboard.Deployment!);

            Assert.Equal("no-cache", (string?)settings["SystemMetadata"]!["cache-control"]);
            Assert.Equal("application/json", (string?)settings["SystemMetadata"]!["content-type"]);
            Assert.False((bool)settings["Prune"]!);
            Assert.Equal(["/config.json"], settings["DistributionPaths"]!.AsArray().Select(p => (string?)p));
            Assert.Equal(stack.LogicalId(stack.Stack.Dashboard.Distribution), Synthesized.Target(settings["DistributionId"]));
            Assert.Equal(["config.json", "size-report.json"], dist["Exclude"]!.AsArray().Select(p => (string?)p));
            Assert.Equal("no-cache", (string?)dist["SystemMetadata"]!["cache-control"]);
            Assert.Equal(["/*"], dist["DistributionPaths"]!.AsArray().Select(p => (string?)p));
        });
    }

    [Fact]
    public void Without_oidc_the_CSP_lets_the_page_call_itself_and_the_API_only()
    {
        var stack = TestStacks.Dev;

        Assert.Equal($"connect-src 'self' {{ref:{stack.LogicalId(stack.Stack.Api.HttpApi)}}}", ConnectSrc(stack));
    }

    [Fact]
    public void With_oidc_the_CSP_adds_the_issuers_origin_and_the_token_endpoints_origin()
    {
        var stack = new Synthesized(TestStacks.WithConfig(WithOidc(new OidcSignInSettings
        {
            Issuer = DevIssuer,
            ClientId = "mailflow-dashboard",
            TokenEndpointOrigin = CognitoDomain,
        })));

        Assert.Equal($"connect-src 'self' {{ref:{stack.LogicalId(stack.Stack.Api.HttpApi)}}} https://login-dev.example.com {CognitoDomain}", ConnectSrc(stack));
    }

    [Fact]
    public void A_token_endpoint_on_the_issuers_origin_is_named_once_in_the_CSP()
    {
        var stack = new Synthesized(TestStacks.WithConfig(WithOidc(new OidcSignInSettings
        {
            Issuer = DevIssuer,
            ClientId = "mailflow-dashboard",
            TokenEndpointOrigin = "https://login-dev.example.com",
        })));

        Assert.EndsWith("} https://login-dev.example.com", ConnectSrc(stack), StringComparison.Ordinal);
    }

    [Fact]
    public void An_oidc_issuer_other_than_the_one_the_API_trusts_fails_the_stack_naming_both()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            TestStacks.WithConfig(WithOidc(new OidcSignInSettings { Issuer = "https://login-dev.example.com", ClientId = "mailflow-dashboard" })));

        Assert.Contains("dashboard.oidc.issuer 'https://login-dev.example.com'", error.Message, StringComparison.Ordinal);
        Assert.Contains($"jwtIssuer '{DevIssuer}'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"issuer": "http://login.example.com", "clientId": "c"}""", "$.dashboard.oidc.issuer")]
    [InlineData("""{"issuer": "https://login.example.com"}""", "$.dashboard.oidc.clientId")]
    [InlineData("""{"issuer": "https://login.example.com", "clientId": "c", "tokenEndpointOrigin": "https://auth.example.com/oauth2/token"}""", "$.dashboard.oidc.tokenEndpointOrigin")]
    public void An_oidc_section_the_stack_cannot_build_from_fails_the_config_load(string oidc, string path)
    {
        var json = $$$"""{"domains": ["example.com"], "apps": [{"name": "invoices"}], "dashboard": {"oidc": {{{oidc}}}}}""";

        var error = Assert.Throws<InvalidOperationException>(() => ConfigFileLoader.Parse(json, "mailflow.json"));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_dashboard_section_loads_with_the_schemas_defaults()
    {
        var config = ConfigFileLoader.Parse("""
            {"domains": ["example.com"], "apps": [{"name": "invoices"}], "dashboard": {"oidc": {"issuer": "https://login.example.com", "clientId": "c"}}}
            """, "mailflow.json");

        Assert.Equal(["openid"], config.Dashboard.Oidc!.Scopes);
        Assert.Equal("access_token", config.Dashboard.Oidc.Token);
        Assert.Null(ConfigFileLoader.Parse("""{"domains": ["example.com"], "apps": [{"name": "invoices"}]}""", "mailflow.json").Dashboard.Oidc);
    }
}
