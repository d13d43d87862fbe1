using Mailflow.Core.Configuration;

namespace Mailflow.Core.Tests.Configuration;

/// <summary>The rules of <c>$.dashboard</c>: each one reported with its JSON path and what to do.</summary>
public class DashboardConfigValidationTests
{
    private static readonly MailflowConfig s_valid = new()
    {
        Environment = "dev",
        Domains = ["acme.com"],
        Apps = [new AppConfig { Name = "invoices" }],
    };

    private static OidcSignInConfig ValidOidc() => new() { Issuer = "https://login.acme.com/realms/mailflow", ClientId = "mailflow-dashboard" };

    private static IReadOnlyList<ConfigProblem> Validate(OidcSignInConfig oidc) =>
        ConfigValidator.Validate(s_valid with { Dashboard = new DashboardConfig { Oidc = oidc } });

    private static void AssertProblem(OidcSignInConfig oidc, string path, string fragment)
    {
        var problem = Assert.Single(Validate(oidc));
        Assert.Equal(path, problem.Path);
        Assert.Contains(fragment, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_dashboard_section_has_no_problems() => Assert.Empty(ConfigValidator.Validate(s_valid with { Dashboard = new DashboardConfig() }));

    [Fact]
    public void An_issuer_and_a_client_id_with_default_scopes_and_token_have_no_problems() => Assert.Empty(Validate(ValidOidc()));

    [Fact]
    public void An_id_token_with_extra_scopes_and_a_token_endpoint_origin_has_no_problems() =>
        Assert.Empty(Validate(ValidOidc() with
        {
            Scopes = ["openid", "profile", "email", "api://mailflow/access"],
            Token = OidcSignInConfig.IdToken,
            TokenEndpointOrigin = "https://acme.auth.eu-west-1.amazoncognito.com",
        }));

    [Fact]
    public void A_null_dashboard_section_is_refused() =>
        Assert.Contains(ConfigValidator.Validate(s_valid with { Dashboard = null! }), p => p.Path == "$.dashboard" && p.Message.Contains("is null", StringComparison.Ordinal));

    [Theory]
    [InlineData(null)]
    [InlineData(" ")]
    public void A_missing_issuer_is_refused(string? issuer) =>
        AssertProblem(ValidOidc() with { Issuer = issuer }, "$.dashboard.oidc.issuer", "is required");

    [Theory]
    [InlineData("http://login.acme.com/realms/mailflow")]
    [InlineData("login.acme.com")]
    [InlineData("/realms/mailflow")]
    [InlineData("ftp://login.acme.com")]
    public void An_issuer_that_is_not_an_https_URL_is_refused(string issuer) =>
        AssertProblem(ValidOidc() with { Issuer = issuer }, "$.dashboard.oidc.issuer", "is not an absolute https URL");

    [Theory]
    [InlineData("http://127.0.0.1:8080/realms/mailflow")]
    [InlineData("http://localhost:8080/realms/mailflow")]
    public void A_plain_http_issuer_on_loopback_is_allowed(string issuer) => Assert.Empty(Validate(ValidOidc() with { Issuer = issuer }));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void A_missing_client_id_is_refused(string? clientId) =>
        AssertProblem(ValidOidc() with { ClientId = clientId }, "$.dashboard.oidc.clientId", "is required");

    [Fact]
    public void Scopes_without_openid_are_refused() =>
        AssertProblem(ValidOidc() with { Scopes = ["profile"] }, "$.dashboard.oidc.scopes", "must include \"openid\"");

    [Fact]
    public void Null_scopes_are_refused() =>
        AssertProblem(ValidOidc() with { Scopes = null! }, "$.dashboard.oidc.scopes", "must include \"openid\"");

    [Theory]
    [InlineData("")]
    [InlineData("two words")]
    [InlineData("quo\"te")]
    public void A_scope_that_is_not_one_word_is_refused(string scope) =>
        AssertProblem(ValidOidc() with { Scopes = ["openid", scope] }, "$.dashboard.oidc.scopes[1]", "is not a scope");

    [Theory]
    [InlineData("refresh_token")]
    [InlineData("Access_Token")]
    [InlineData("")]
    public void A_token_other_than_access_or_id_token_is_refused(string token) =>
        AssertProblem(ValidOidc() with { Token = token }, "$.dashboard.oidc.token", "use \"access_token\" (default) or \"id_token\"");

    [Theory]
    [InlineData("https://acme.auth.eu-west-1.amazoncognito.com/")]
    [InlineData("https://acme.auth.eu-west-1.amazoncognito.com/oauth2/token")]
    [InlineData("http://acme.auth.eu-west-1.amazoncognito.com")]
    [InlineData("acme.auth.eu-west-1.amazoncognito.com")]
    public void A_token_endpoint_origin_that_is_not_an_https_origin_is_refused(string origin) =>
        AssertProblem(ValidOidc() with { TokenEndpointOrigin = origin }, "$.dashboard.oidc.tokenEndpointOrigin", "is not an https origin");

    [Fact]
    public void Every_problem_of_one_oidc_section_is_reported_at_once()
    {
        var problems = Validate(new OidcSignInConfig { Issuer = "x", ClientId = "", Scopes = [], Token = "code" });

        Assert.Equal(["$.dashboard.oidc.issuer", "$.dashboard.oidc.clientId", "$.dashboard.oidc.scopes", "$.dashboard.oidc.token"], problems.Select(p => p.Path));
    }

    [Fact]
    public void The_dashboard_section_loads_from_json_with_defaults_for_scopes_and_token()
    {
        var result = ConfigLoader.Parse("""
            { "environment": "dev", "domains": ["acme.com"], "apps": [{ "name": "invoices" }],
              "dashboard": { "oidc": { "issuer": "https://login.acme.com/realms/mailflow", "clientId": "mailflow-dashboard" } } }
            """);

        Assert.Empty(result.Problems);
        var oidc = result.Config!.Dashboard.Oidc!;
        Assert.Equal("mailflow-dashboard", oidc.ClientId);
        Assert.Equal(["openid"], oidc.Scopes);
        Assert.Equal("access_token", oidc.Token);
    }

    [Fact]
    public void A_misspelt_oidc_setting_is_refused_when_loading()
    {
        var result = ConfigLoader.Parse("""
            { "environment": "dev", "domains": ["acme.com"], "apps": [{ "name": "invoices" }],
              "dashboard": { "oidc": { "issuer": "https://login.acme.com", "clientID": "mailflow-dashboard" } } }
            """);

        Assert.Null(result.Config);
        Assert.Contains(result.Problems, p => p.Path == "$.dashboard.oidc.clientID" && p.Message.Contains("unknown property", StringComparison.Ordinal));
    }
}
