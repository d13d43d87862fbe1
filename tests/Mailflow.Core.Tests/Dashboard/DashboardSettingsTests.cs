using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Mailflow.Core.Configuration;
using Mailflow.Core.Dashboard;
using Mailflow.Core.Tests.Support;

namespace Mailflow.Core.Tests.Dashboard;

/// <summary>The dashboard's config.json as docs/dashboard.md describes it, built from mailflow.json.</summary>
public class DashboardSettingsTests
{
    private static readonly MailflowConfig s_config = new()
    {
        Environment = "dev",
        Domains = ["acme.com"],
        Apps = [new AppConfig { Name = "invoices" }],
    };

    [Fact]
    public void Without_oidc_the_document_has_the_api_url_the_environment_and_a_null_oidc()
    {
        var json = JsonNode.Parse(DashboardSettings.For(s_config, "", "local").ToJson())!.AsObject();

        Assert.Equal(["apiBaseUrl", "environment", "oidc", "rolesClaim"], json.Select(p => p.Key));
        Assert.Equal("roles", (string?)json["rolesClaim"]);
        Assert.Equal("", (string?)json["apiBaseUrl"]);
        Assert.Equal("local", (string?)json["environment"]);
        Assert.True(json.ContainsKey("oidc"));
        Assert.Null(json["oidc"]);
    }

    [Fact]
    public void The_document_names_the_apis_roles_claim()
    {
        var config = s_config with { Api = new ApiConfig { RolesClaim = "realm_access.roles", JwksUrl = "https://login.acme.com/keys", Issuer = "https://login.acme.com" } };

        Assert.Equal("realm_access.roles", DashboardSettings.For(config, "", "local").RolesClaim);
    }

    [Fact]
    public void The_content_security_policy_allows_calls_to_the_page_itself_and_the_given_sources_only()
    {
        var policy = DashboardSettings.ContentSecurityPolicy(["https://api.acme.com", "https://login.acme.com", "https://api.acme.com"]);

        var directives = policy.Split(';', StringSplitOptions.TrimEntries);
        Assert.Contains("connect-src 'self' https://api.acme.com https://login.acme.com", directives);
        Assert.Contains("script-src 'self'", directives);
        Assert.Contains("frame-ancestors 'none'", directives);
        Assert.Equal("connect-src 'self'", DashboardSettings.ContentSecurityPolicy([]).Split(';', StringSplitOptions.TrimEntries).Single(d => d.StartsWith("connect-src", StringComparison.Ordinal)));
    }

    [Fact]
    public void With_oidc_the_document_carries_issuer_client_id_scopes_and_token_in_camelCase()
    {
        var config = s_config with
        {
            Dashboard = new DashboardConfig
            {
                Oidc = new OidcSignInConfig
                {
                    Issuer = "https://login.acme.com/realms/x",
                    ClientId = "mailflow-dashboard",
                    Scopes = ["openid", "profile"],
                    Token = OidcSignInConfig.IdToken,
                    TokenEndpointOrigin = "https://auth.acme.com",
                },
            },
        };

        var json = JsonNode.Parse(DashboardSettings.For(config, "https://abc.execute-api.eu-west-1.amazonaws.com", "prod").ToJson())!;

        var expected = JsonNode.Parse("""
            { "apiBaseUrl": "https://abc.execute-api.eu-west-1.amazonaws.com", "environment": "prod",
              "oidc": { "issuer": "https://login.acme.com/realms/x", "clientId": "mailflow-dashboard", "scopes": ["openid", "profile"], "token": "id_token" },
              "rolesClaim": "roles" }
            """);
        Assert.True(JsonNode.DeepEquals(expected, json), json.ToJsonString());
    }

    [Fact]
    public void The_example_in_docs_dashboard_md_is_what_For_writes_for_its_settings()
    {
        var doc = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "dashboard.md"));
        var block = Regex.Match(doc, @"^```jsonc\r?\n(?<json>.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline).Groups["json"].Value;
        var documented = JsonNode.Parse(block, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })!;
        var config = s_config with
        {
            Dashboard = new DashboardConfig
            {
                Oidc = new OidcSignInConfig { Issuer = "https://login.example.com/realms/x", ClientId = "mailflow-dashboard", Scopes = ["openid", "profile"] },
            },
        };

        var written = JsonNode.Parse(DashboardSettings.For(config, "https://abc.execute-api.eu-west-1.amazonaws.com", "prod").ToJson());

        Assert.True(JsonNode.DeepEquals(documented, written), written!.ToJsonString());
    }

    [Fact]
    public void Oidc_loaded_without_scopes_or_token_gets_openid_and_the_access_token()
    {
        var loaded = ConfigLoader.Parse("""
            { "environment": "dev", "domains": ["acme.com"], "apps": [{ "name": "invoices" }],
              "dashboard": { "oidc": { "issuer": "https://login.acme.com", "clientId": "c" } } }
            """).Config!;

        var oidc = DashboardSettings.For(loaded, "", "local").Oidc!;

        Assert.Equal(["openid"], oidc.Scopes);
        Assert.Equal("access_token", oidc.Token);
    }

    [Fact]
    public void A_trailing_slash_on_the_API_URL_is_dropped_so_the_page_can_append_paths() =>
        Assert.Equal("https://api.acme.com", DashboardSettings.For(s_config, "https://api.acme.com/", "prod").ApiBaseUrl);

    [Fact]
    public void An_oidc_section_without_a_client_id_is_an_argument_error_naming_the_setting()
    {
        var config = s_config with { Dashboard = new DashboardConfig { Oidc = new OidcSignInConfig { Issuer = "https://login.acme.com" } } };

        var error = Assert.ThrowsAny<ArgumentException>(() => DashboardSettings.For(config, "", "local"));
        Assert.Equal("dashboard.oidc.clientId", error.ParamName);
    }

    [Fact]
    public void SignInOrigins_WithOidc_AreTheIssuersOriginAndTheTokenEndpointsOrigin()
    {
        var config = s_config with
        {
            Dashboard = new DashboardConfig
            {
                Oidc = new OidcSignInConfig { Issuer = "http://127.0.0.1:8080/realms/x", ClientId = "c", TokenEndpointOrigin = "https://auth.acme.com" },
            },
        };

        Assert.Equal(["http://127.0.0.1:8080", "https://auth.acme.com"], DashboardSettings.SignInOrigins(config));
    }

    [Fact]
    public void SignInOrigins_TokenEndpointOnTheIssuersOrigin_IsNamedOnce()
    {
        var config = s_config with
        {
            Dashboard = new DashboardConfig
            {
                Oidc = new OidcSignInConfig { Issuer = "https://login.acme.com/realms/x", ClientId = "c", TokenEndpointOrigin = "https://login.acme.com" },
            },
        };

        Assert.Equal(["https://login.acme.com"], DashboardSettings.SignInOrigins(config));
    }

    [Fact]
    public void SignInOrigins_WithoutOidc_AreNone() => Assert.Empty(DashboardSettings.SignInOrigins(s_config));

    [Fact]
    public void An_empty_environment_name_is_an_argument_error() =>
        Assert.ThrowsAny<ArgumentException>(() => DashboardSettings.For(s_config, "", " "));
}
