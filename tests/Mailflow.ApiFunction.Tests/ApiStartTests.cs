using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Mailflow.ApiFunction.Tests.Support;
using Mailflow.Testing.Auth;
using Mailflow.Testing.Stubs;
using Mailflow.Testing.Lambda;
using Xunit.Abstractions;

namespace Mailflow.ApiFunction.Tests;

/// <summary>
/// The built API's init phase: with its settings it starts and serves health even when every AWS endpoint and the issuer
/// are unreachable (closed ports: the inbound state is then unknown); without them it reports an init error that names
/// what to set.
/// </summary>
public sealed class ApiStartTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_bundle_initializes_within_Lambda_s_init_limit_and_answers_its_first_request()
    {
        var variables = ApiVariables.Create();
        variables["AWS_ENDPOINT_URL"] = "http://127.0.0.1:9";
        await using var harness = new RuntimeApiHarness();
        await harness.StartAsync(ApiBundle.Bootstrap, variables);

        var result = await harness.InvokeAsync(Encoding.UTF8.GetBytes(ApiEvents.Load("apigw-health.json").ToJsonString()), ApiDeployment.FunctionTimeout);

        Assert.True(result.Kind == HarnessResultKind.Response, $"{result.Kind}: {result.BodyText}{Environment.NewLine}{harness.Output}");
        var health = ApiResponse.Parse(result.Body);
        Assert.Equal(200, health.StatusCode);
        Assert.Equal("unknown", (string?)health.Json["inbound"]!["state"]);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"api bundle: cold start {harness.ColdStart?.TotalMilliseconds:F1} ms, init {harness.InitDuration?.TotalMilliseconds:F1} ms"));
        Assert.InRange(harness.InitDuration!.Value, TimeSpan.Zero, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Missing_configuration_is_an_init_error_that_names_the_missing_settings()
    {
        await using var harness = new RuntimeApiHarness();
        await harness.StartAsync(ApiBundle.Bootstrap, new Dictionary<string, string> { ["AWS_ENDPOINT_URL"] = "http://127.0.0.1:9" });

        var initError = await harness.WaitForInitErrorAsync(TimeSpan.FromSeconds(30));
        var invocation = await harness.InvokeAsync(Encoding.UTF8.GetBytes(ApiEvents.Load("apigw-health.json").ToJsonString()), ApiDeployment.FunctionTimeout);

        Assert.Equal(HarnessResultKind.InitError, initError.Kind);
        Assert.Equal(nameof(InvalidOperationException), initError.ErrorType);
        var message = (string)JsonNode.Parse(initError.Body)!["errorMessage"]!;
        Assert.All(["MAILFLOW_ATTACHMENT_BUCKET", "MAILFLOW_RAW_BUCKET", "MAILFLOW_TABLE", "MAILFLOW_API_URL", "MAILFLOW_LINK_SIGNING_KEY"],
            name => Assert.Contains(name, message, StringComparison.Ordinal));
        Assert.Equal(HarnessResultKind.InitError, invocation.Kind);
    }

    [Theory]
    [InlineData("MAILFLOW_JWT_ISSUER")]
    [InlineData("MAILFLOW_JWKS_URL")]
    [InlineData("MAILFLOW_RAW_BUCKET")]
    [InlineData("MAILFLOW_INBOUND_MAPPING_ID")]
    [InlineData("MAILFLOW_RECEIPT_RULE_SET")]
    [InlineData("MAILFLOW_RECEIPT_RULE")]
    public async Task A_deployment_missing_one_API_setting_fails_at_init_naming_it(string missing)
    {
        var variables = ApiVariables.Create();
        variables["AWS_ENDPOINT_URL"] = "http://127.0.0.1:9";
        variables.Remove(missing);
        await using var harness = new RuntimeApiHarness();
        await harness.StartAsync(ApiBundle.Bootstrap, variables);

        var initError = await harness.WaitForInitErrorAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(HarnessResultKind.InitError, initError.Kind);
        Assert.Equal(nameof(InvalidOperationException), initError.ErrorType);
        Assert.Contains(missing, (string)JsonNode.Parse(initError.Body)!["errorMessage"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_roles_claim_that_is_not_a_claim_path_fails_at_init_naming_its_variable()
    {
        var variables = ApiVariables.Create();
        variables["AWS_ENDPOINT_URL"] = "http://127.0.0.1:9";
        variables["MAILFLOW_JWT_ROLES_CLAIM"] = "realm_access..roles";
        await using var harness = new RuntimeApiHarness();
        await harness.StartAsync(ApiBundle.Bootstrap, variables);

        var initError = await harness.WaitForInitErrorAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(HarnessResultKind.InitError, initError.Kind);
        Assert.Contains("$.api.rolesClaim (from MAILFLOW_JWT_ROLES_CLAIM)", (string)JsonNode.Parse(initError.Body)!["errorMessage"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_roles_claim_the_deployment_names_is_where_the_function_reads_the_roles()
    {
        await using var issuer = StubHttpServer.Start(new StubResponse(200, TestKeys.TrustedJwks));
        var variables = ApiVariables.Create();
        variables["AWS_ENDPOINT_URL"] = "http://127.0.0.1:9";
        variables["MAILFLOW_JWKS_URL"] = new Uri(issuer.Endpoint, "/jwks.json").ToString();
        variables["MAILFLOW_JWT_ROLES_CLAIM"] = "realm_access.roles";
        await using var harness = new RuntimeApiHarness();
        await harness.StartAsync(ApiBundle.Bootstrap, variables);
        var nested = TestTokens.Mint(null, claims: new Dictionary<string, object> { ["realm_access"] = new Dictionary<string, object> { ["roles"] = new[] { "viewer" } } });

        var allowed = await InvokeAsync(harness, ApiEvents.Get("/api/health/deep", nested));
        var rolesOnly = await InvokeAsync(harness, ApiEvents.Get("/api/health/deep", TestTokens.Mint("admin")));

        // Past authorization: the checks themselves fail, every AWS endpoint being a closed port.
        Assert.True(allowed.StatusCode is 200 or 503, allowed.BodyText);
        Assert.Equal(403, rolesOnly.StatusCode);
    }

    private static async Task<ApiResponse> InvokeAsync(RuntimeApiHarness harness, JsonObject request)
    {
        var result = await harness.InvokeAsync(Encoding.UTF8.GetBytes(request.ToJsonString()), ApiDeployment.FunctionTimeout);
        Assert.True(result.Kind == HarnessResultKind.Response, $"{result.Kind}: {result.BodyText}{Environment.NewLine}{harness.Output}");
        return ApiResponse.Parse(result.Body);
    }
}
