using System.Net;
using System.Security.Claims;
using System.Text.Json;
using Mailflow.Api.Auth;
using Mailflow.Api.Tests.Support;
using Mailflow.Core.Configuration;
using Mailflow.Testing.Auth;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Mailflow.Api.Tests;

/// <summary>
/// <c>api.rolesClaim</c>: the roles are read where the issuer puts them (Entra: <c>roles</c>; Cognito:
/// <c>cognito:groups</c>; Keycloak: <c>realm_access.roles</c>, nested), and only there.
/// </summary>
public sealed class RolesClaimTests(LocalStack stack) : IClassFixture<LocalStack>
{
    private const string RawPath = "/api/messages/no-such-message/raw";

    private static ApiAuthSettings AuthWith(string rolesClaim) => ApiTestHost.Auth with { RolesClaim = rolesClaim };

    private static string Token(IReadOnlyDictionary<string, object> claims, string? roles = null) => TestTokens.Mint(roles, claims: claims);

    private static IReadOnlyList<string> ReadFromToken(IReadOnlyDictionary<string, object> claims, string path) =>
        RolesClaimReader.Read(new JsonWebToken(Token(claims)).Claims, path);

    [Fact]
    public void Read_ArrayClaim_GivesEachString() =>
        Assert.Equal(["viewer", "operator"], ReadFromToken(new Dictionary<string, object> { ["cognito:groups"] = new[] { "viewer", "operator" } }, "cognito:groups"));

    [Fact]
    public void Read_SingleStringClaim_GivesIt() =>
        Assert.Equal(["admin"], ReadFromToken(new Dictionary<string, object> { ["groups"] = "admin" }, "groups"));

    [Fact]
    public void Read_DottedPath_FollowsNestedObjects() =>
        Assert.Equal(["operator", "offline_access"], ReadFromToken(new Dictionary<string, object>
        {
            ["realm_access"] = new Dictionary<string, object> { ["roles"] = new[] { "operator", "offline_access" } },
        }, "realm_access.roles"));

    [Fact]
    public void Read_DeeperPath_FollowsEveryLevel() =>
        Assert.Equal(["admin"], ReadFromToken(new Dictionary<string, object>
        {
            ["resource_access"] = new Dictionary<string, object> { ["mailflow-dashboard"] = new Dictionary<string, object> { ["roles"] = new[] { "admin" } } },
        }, "resource_access.mailflow-dashboard.roles"));

    [Fact]
    public void Read_NameWithDots_IsReadWholeBeforeAsAPath() =>
        Assert.Equal(["viewer"], ReadFromToken(new Dictionary<string, object> { ["https://mailflow.acme.com/roles"] = new[] { "viewer" } }, "https://mailflow.acme.com/roles"));

    [Theory]
    [InlineData("realm_access.groups")]
    [InlineData("realm_access.roles.name")]
    [InlineData("resource_access.roles")]
    [InlineData("cognito:groups")]
    public void Read_MissingOrNotAnObject_GivesNoRoles(string path) =>
        Assert.Empty(ReadFromToken(new Dictionary<string, object>
        {
            ["realm_access"] = new Dictionary<string, object> { ["roles"] = new[] { "operator" } },
        }, path));

    [Fact]
    public void Read_ValuesThatAreNotStrings_AreIgnored() =>
        Assert.Equal(["viewer"], ReadFromToken(new Dictionary<string, object>
        {
            ["realm_access"] = new Dictionary<string, object> { ["roles"] = new object[] { 3, "viewer", true } },
        }, "realm_access.roles"));

    [Fact]
    public void Apply_DefaultClaim_LeavesTheRolesAsTheyAre()
    {
        var principal = TestTokens.Principal(Roles.Admin);

        RolesClaimReader.Apply(principal, ApiConfig.DefaultRolesClaim);

        Assert.True(Roles.Allows(principal, Roles.Admin));
    }

    [Fact]
    public void Apply_OtherClaim_ReplacesTheRolesClaimWithItsValues()
    {
        var principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim("roles", Roles.Admin), new Claim("cognito:groups", Roles.Viewer)], "test"));

        RolesClaimReader.Apply(principal, "cognito:groups");

        Assert.Equal([Roles.Viewer], principal.FindAll(Roles.ClaimType).Select(c => c.Value));
    }

    [Fact]
    public void Settings_from_a_config_with_keys_take_its_roles_claim_and_the_local_key_keeps_roles()
    {
        var api = new ApiConfig { Issuer = "https://login.acme.com", JwksUrl = "https://login.acme.com/jwks", RolesClaim = "cognito:groups" };

        Assert.Equal("cognito:groups", ApiAuthSettings.FromConfig(api, null).RolesClaim);
        Assert.Equal(Roles.ClaimType, ApiAuthSettings.FromConfig(new ApiConfig(), TestKeys.TrustedJwks).RolesClaim);
    }

    [Theory]
    [InlineData(ApiTransport.TestServer)]
    [InlineData(ApiTransport.Bridge)]
    public async Task A_Keycloak_token_with_admin_in_realm_access_roles_may_use_admin_endpoints(ApiTransport transport)
    {
        await using var host = await ApiTestHost.StartAsync(stack.Backends, transport, AuthWith("realm_access.roles"));
        var token = Token(new Dictionary<string, object> { ["realm_access"] = new Dictionary<string, object> { ["roles"] = new[] { "offline_access", Roles.Admin } } });

        var response = await host.WithToken(token).GetAsync(RawPath);

        // Past the admin policy: the message does not exist.
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_Cognito_token_with_viewer_in_cognito_groups_reads_but_is_refused_admin_endpoints_naming_its_role()
    {
        await using var host = await ApiTestHost.StartAsync(stack.Backends, ApiTransport.TestServer, AuthWith("cognito:groups"));
        var client = host.WithToken(Token(new Dictionary<string, object> { ["cognito:groups"] = new[] { Roles.Viewer } }));

        var queues = await client.GetAsync("/api/queues");
        var raw = await client.GetAsync(RawPath);

        Assert.Equal(HttpStatusCode.OK, queues.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, raw.StatusCode);
        Assert.Contains("(viewer)", (await JsonDocument.ParseAsync(await raw.Content.ReadAsStreamAsync())).RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_another_roles_claim_configured_a_roles_claim_in_the_token_grants_nothing()
    {
        await using var host = await ApiTestHost.StartAsync(stack.Backends, ApiTransport.TestServer, AuthWith("cognito:groups"));

        var response = await host.WithToken(TestTokens.Mint(Roles.Admin)).GetAsync("/api/queues");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task A_token_whose_roles_path_leads_nowhere_is_refused_with_403()
    {
        await using var host = await ApiTestHost.StartAsync(stack.Backends, ApiTransport.TestServer, AuthWith("realm_access.roles"));
        var token = Token(new Dictionary<string, object> { ["realm_access"] = "admin" });

        var response = await host.WithToken(token).GetAsync("/api/queues");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
