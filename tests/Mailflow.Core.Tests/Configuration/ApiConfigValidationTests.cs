using System.Text.Json;
using Mailflow.Core.Configuration;

namespace Mailflow.Core.Tests.Configuration;

/// <summary>The rules of <c>$.api</c>: each one reported with its JSON path and what to do.</summary>
public class ApiConfigValidationTests
{
    private static readonly MailflowConfig s_valid = new()
    {
        Environment = "dev",
        Domains = ["acme.com"],
        Apps = [new AppConfig { Name = "invoices" }],
    };

    private static void AssertProblem(ApiConfig api, string path, string fragment)
    {
        var problem = Assert.Single(ConfigValidator.Validate(s_valid with { Api = api }));
        Assert.Equal(path, problem.Path);
        Assert.Contains(fragment, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_api_section_has_no_problems() => Assert.Empty(ConfigValidator.Validate(s_valid with { Api = new ApiConfig() }));

    [Fact]
    public void An_issuer_with_an_https_JWKS_URL_and_a_dashboard_origin_has_no_problems() =>
        Assert.Empty(ConfigValidator.Validate(s_valid with
        {
            Api = new ApiConfig
            {
                Issuer = "https://login.acme.com",
                JwksUrl = "https://login.acme.com/.well-known/jwks.json",
                DashboardOrigin = "https://mailflow.acme.com",
            },
        }));

    [Fact]
    public void A_JWKS_URL_without_an_issuer_is_refused() =>
        AssertProblem(new ApiConfig { JwksUrl = "https://login.acme.com/jwks.json" }, "$.api.issuer", "is required with api.jwksUrl");

    [Fact]
    public void An_issuer_without_keys_is_refused_since_local_tokens_are_issued_as_mailflow_local() =>
        AssertProblem(new ApiConfig { Issuer = "https://login.acme.com" }, "$.api.issuer", "applies only with api.jwksUrl or api.jwks");

    [Fact]
    public void A_plain_http_JWKS_URL_off_loopback_is_refused() =>
        AssertProblem(new ApiConfig { Issuer = "i", JwksUrl = "http://login.acme.com/jwks.json" }, "$.api.jwksUrl", "http is allowed on a loopback address only");

    [Fact]
    public void A_plain_http_JWKS_URL_on_loopback_is_allowed() =>
        Assert.Empty(ConfigValidator.Validate(s_valid with { Api = new ApiConfig { Issuer = "i", JwksUrl = "http://127.0.0.1:9000/jwks.json" } }));

    [Fact]
    public void An_inline_JWKS_without_keys_is_refused() =>
        AssertProblem(new ApiConfig { Issuer = "i", Jwks = JsonDocument.Parse("""{"keys": []}""").RootElement }, "$.api.jwks", "is not a JSON Web Key Set");

    [Theory]
    [InlineData("https://mailflow.acme.com/")]
    [InlineData("https://mailflow.acme.com/dashboard")]
    [InlineData("mailflow.acme.com")]
    [InlineData("*")]
    public void A_dashboard_origin_that_is_not_an_origin_is_refused(string origin) =>
        AssertProblem(new ApiConfig { DashboardOrigin = origin }, "$.api.dashboardOrigin", "is not an origin");

    [Theory]
    [InlineData(0)]
    [InlineData(100_001)]
    public void A_rate_limit_out_of_range_is_refused(int perMinute) =>
        AssertProblem(new ApiConfig { RequestsPerMinute = perMinute }, "$.api.requestsPerMinute", "out of range");

    [Theory]
    [InlineData("cognito:groups")]
    [InlineData("realm_access.roles")]
    [InlineData("https://mailflow.acme.com/roles")]
    public void A_roles_claim_name_or_dotted_path_with_an_issuers_keys_is_allowed(string claim) =>
        Assert.Empty(ConfigValidator.Validate(s_valid with { Api = new ApiConfig { Issuer = "i", JwksUrl = "https://login.acme.com/jwks.json", RolesClaim = claim } }));

    [Theory]
    [InlineData("")]
    [InlineData("realm_access..roles")]
    [InlineData(".roles")]
    [InlineData("roles.")]
    [InlineData("realm access.roles")]
    public void A_roles_claim_that_is_not_a_name_or_dotted_path_is_refused(string claim) =>
        AssertProblem(new ApiConfig { Issuer = "i", JwksUrl = "https://login.acme.com/jwks.json", RolesClaim = claim }, "$.api.rolesClaim", "is not a claim name or dotted path");

    [Fact]
    public void A_roles_claim_without_keys_in_the_file_is_valid_since_on_aws_the_keys_come_from_the_environment()
    {
        var result = ConfigLoader.Parse("""
            { "environment": "dev", "domains": ["acme.com"], "apps": [{ "name": "invoices" }], "api": { "rolesClaim": "cognito:groups" } }
            """);

        Assert.Empty(result.Problems);
        Assert.Contains("applies only with api.jwksUrl or api.jwks", result.Config!.Api.LocalKeyProblem(), StringComparison.Ordinal);
        Assert.Null(new ApiConfig().LocalKeyProblem());
        Assert.Null(new ApiConfig { RolesClaim = "cognito:groups", JwksUrl = "https://login.acme.com/jwks" }.LocalKeyProblem());
    }

    [Fact]
    public void The_roles_claim_loads_from_json_and_defaults_to_roles()
    {
        var result = ConfigLoader.Parse("""
            { "environment": "dev", "domains": ["acme.com"], "apps": [{ "name": "invoices" }],
              "api": { "issuer": "https://login.acme.com", "jwksUrl": "https://login.acme.com/jwks", "rolesClaim": "realm_access.roles" } }
            """);

        Assert.Empty(result.Problems);
        Assert.Equal("realm_access.roles", result.Config!.Api.RolesClaim);
        Assert.Equal("roles", new ApiConfig().RolesClaim);
    }

    [Fact]
    public void An_empty_audience_is_refused() => AssertProblem(new ApiConfig { Audience = " " }, "$.api.audience", "is empty");

    [Fact]
    public void The_api_section_loads_from_json_with_an_inline_JWKS()
    {
        var result = ConfigLoader.Parse("""
            { "environment": "dev", "domains": ["acme.com"], "apps": [{ "name": "invoices" }],
              "api": { "issuer": "https://login.acme.com", "jwks": { "keys": [ { "kty": "EC", "crv": "P-256", "x": "a", "y": "b" } ] }, "requestsPerMinute": 60 } }
            """);

        Assert.Empty(result.Problems);
        Assert.Equal(60, result.Config!.Api.RequestsPerMinute);
        Assert.Equal("EC", result.Config.Api.Jwks!.Value.GetProperty("keys")[0].GetProperty("kty").GetString());
    }
}
