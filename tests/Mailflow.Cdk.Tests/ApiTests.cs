using System.Text.Json.Nodes;

namespace Mailflow.Cdk.Tests;

public sealed class ApiTests
{
    private static Synthesized Dev => TestStacks.Dev;

    private static string HttpApi => Dev.LogicalId(Dev.Stack.Api.HttpApi);

    private static IReadOnlyDictionary<string, JsonObject> Routes =>
        Dev.Resources("AWS::ApiGatewayV2::Route").Values.Select(Synthesized.Properties)
            .ToDictionary(r => (string)r["RouteKey"]!, r => r);

    [Fact]
    public void The_JWT_authorizer_checks_the_issuer_and_the_audience_of_the_environment()
    {
        var authorizer = Synthesized.Properties(Assert.Single(Dev.Resources("AWS::ApiGatewayV2::Authorizer").Values));

        Assert.Equal("JWT", (string?)authorizer["AuthorizerType"]);
        Assert.Equal(HttpApi, Synthesized.Target(authorizer["ApiId"]));
        Assert.Equal("https://login-dev.example.com/", (string?)authorizer["JwtConfiguration"]!["Issuer"]);
        Assert.Equal(["mailflow-api"], authorizer["JwtConfiguration"]!["Audience"]!.AsArray().Select(a => (string?)a));
        Assert.Equal(["$request.header.Authorization"], authorizer["IdentitySource"]!.AsArray().Select(a => (string?)a));
    }

    [Fact]
    public void Health_the_OpenAPI_document_and_attachment_links_need_no_JWT_and_every_other_route_does()
    {
        var authorizer = Dev.Resources("AWS::ApiGatewayV2::Authorizer").Single().Key;
        var routes = Routes;

        Assert.Equal(["GET /api/attachments/{id}", "GET /api/health", "GET /api/openapi.json"],
            routes.Where(r => (string?)r.Value["AuthorizationType"] == "NONE").Select(r => r.Key).Order(StringComparer.Ordinal));
        Assert.Contains("ANY /api/{proxy+}", routes.Keys);
        Assert.All(routes.Where(r => r.Key is not ("GET /api/health" or "GET /api/attachments/{id}" or "GET /api/openapi.json")), r =>
        {
            Assert.Equal("JWT", (string?)r.Value["AuthorizationType"]);
            Assert.Equal(authorizer, Synthesized.Target(r.Value["AuthorizerId"]));
        });
    }

    [Fact]
    public void CORS_allows_only_the_dashboard_origin()
    {
        var cors = Synthesized.Properties(Dev.Resources("AWS::ApiGatewayV2::Api")[HttpApi])["CorsConfiguration"]!;

        Assert.Equal(["https://mailflow-dev.example.com"], cors["AllowOrigins"]!.AsArray().Select(o => (string?)o));
        Assert.False((bool)cors["AllowCredentials"]!);
    }

    [Fact]
    public void The_stage_writes_access_logs_to_a_masked_log_group_and_throttles_every_route()
    {
        var stage = Synthesized.Properties(Assert.Single(Dev.Resources("AWS::ApiGatewayV2::Stage").Values));
        var logGroup = Dev.LogicalId(Dev.Stack.Api.AccessLogs);

        Assert.Equal(HttpApi, Synthesized.Target(stage["ApiId"]));
        Assert.Equal(logGroup, Synthesized.Target(stage["AccessLogSettings"]!["DestinationArn"]));
        Assert.Contains("$context.requestId", (string?)stage["AccessLogSettings"]!["Format"], StringComparison.Ordinal);
        var policy = Synthesized.Properties(Dev.Resources("AWS::Logs::LogGroup")[logGroup])["DataProtectionPolicy"]!.ToJsonString();
        Assert.Contains("EmailAddress", policy, StringComparison.Ordinal);
        Assert.Contains("IpAddress", policy, StringComparison.Ordinal);
        Assert.Equal(50, (double)stage["DefaultRouteSettings"]!["ThrottlingRateLimit"]!);
        Assert.Equal(100, (int)stage["DefaultRouteSettings"]!["ThrottlingBurstLimit"]!);
    }

    [Fact]
    public void Every_route_integrates_the_live_alias_of_the_API_function()
    {
        var alias = Dev.LogicalId(Dev.Stack.Api.Alias);
        var integrations = Dev.Resources("AWS::ApiGatewayV2::Integration");

        Assert.Equal("live", (string?)Synthesized.Properties(Dev.Resources("AWS::Lambda::Alias")[alias])["Name"]);
        Assert.NotEmpty(integrations);
        Assert.All(integrations.Values.Select(Synthesized.Properties), i =>
        {
            Assert.Equal(alias, Synthesized.Target(i["IntegrationUri"]));
            Assert.Equal("2.0", (string?)i["PayloadFormatVersion"]);
        });
        // API Gateway may invoke the alias, not the unqualified function.
        Assert.All(Dev.Resources("AWS::Lambda::Permission").Values.Select(Synthesized.Properties)
                .Where(p => (string?)p["Principal"] == "apigateway.amazonaws.com"),
            p => Assert.Equal(alias, Synthesized.Target(p["FunctionName"])));
    }

    [Fact]
    public void Both_functions_link_attachments_to_the_API_endpoint_and_the_stack_outputs_it()
    {
        var api = Synthesized.Properties(Dev.Json["Resources"]![Dev.LogicalId(Dev.Stack.Api.Function.Function)]!.AsObject());
        var worker = Synthesized.Properties(Dev.WorkerFunction);
        var endpoint = new JsonObject { ["Fn::GetAtt"] = new JsonArray(HttpApi, "ApiEndpoint") }.ToJsonString();

        Assert.Equal(endpoint, api["Environment"]!["Variables"]!["MAILFLOW_API_URL"]!.ToJsonString());
        Assert.Equal(endpoint, worker["Environment"]!["Variables"]!["MAILFLOW_API_URL"]!.ToJsonString());
        Assert.Contains(Dev.Json["Outputs"]!.AsObject(), o => o.Value!["Value"]!.ToJsonString() == endpoint);
    }

    [Fact]
    public void API_server_errors_raise_an_alarm_that_notifies_the_alarm_topic()
    {
        var topic = Dev.Resources("AWS::SNS::Topic").Single(r => r.Key.StartsWith("Observability", StringComparison.Ordinal)).Key;

        var alarm = Assert.Single(Dev.Resources("AWS::CloudWatch::Alarm").Values.Select(Synthesized.Properties),
            a => (string?)a["Namespace"] == "AWS/ApiGateway");

        Assert.Equal("5xx", (string?)alarm["MetricName"]);
        Assert.Equal(HttpApi, Synthesized.Target(alarm["Dimensions"]!.AsArray().Single(d => (string?)d!["Name"] == "ApiId")!["Value"]));
        Assert.Contains(topic, alarm["AlarmActions"]!.AsArray().Select(Synthesized.Target));
    }

    [Fact]
    public void A_missing_or_non_https_JWT_issuer_or_audience_fails_synth_naming_the_keys()
    {
        var error = Assert.Throws<InvalidOperationException>(() => TestStacks.Synthesize("dev", new Dictionary<string, object>
        {
            ["jwtIssuer"] = "http://login.example.com/",
            ["jwtAudience"] = "",
        }));

        Assert.Contains("environments.dev.jwtIssuer", error.Message, StringComparison.Ordinal);
        Assert.Contains("environments.dev.jwtAudience", error.Message, StringComparison.Ordinal);
    }
}
