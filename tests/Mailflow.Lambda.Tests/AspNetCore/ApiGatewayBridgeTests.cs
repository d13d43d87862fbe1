using System.Text.Json;
using Mailflow.Lambda.Events.ApiGateway;
using Mailflow.Lambda.Tests.Support;
using Mailflow.Testing.Lambda;

namespace Mailflow.Lambda.Tests.AspNetCore;

/// <summary>
/// API Gateway payload 2.0 events through LambdaHost, ApiGatewayHandler and ApiGatewayServer into a minimal API app,
/// and the responses back, as API Gateway would read them.
/// </summary>
public sealed class ApiGatewayBridgeTests(BridgeApp app) : IClassFixture<BridgeApp>
{
    [Fact]
    public async Task The_recorded_health_request_is_answered_with_json_text()
    {
        var response = await SendAsync(RepositoryPaths.Event("apigw-health.json"));

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("application/json; charset=utf-8", response.Headers!["Content-Type"]);
        Assert.False(response.IsBase64Encoded);
        Assert.Equal("""{"status":"ok"}""", response.Body);
    }

    [Fact]
    public async Task The_response_JSON_escapes_only_what_JSON_requires()
    {
        var result = await app.Function.InvokeAsync(RepositoryPaths.Event("apigw-health.json"));

        Assert.Contains("""{\"status\":\"ok\"}""", result.BodyText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_GET_with_query_headers_and_cookies_reaches_the_app_as_sent()
    {
        var request = Request("GET", "/api/echo", "q=caf%C3%A9&q2=x");
        request.Headers = new Dictionary<string, string> { ["host"] = "api.example.com", ["x-custom"] = "a,b" };
        request.Cookies = ["session=7f3e9a1c", "theme=dark"];

        var echo = JsonSerializer.Deserialize((await SendAsync(request)).Body!, BridgeJsonContext.Default.Echo)!;

        Assert.Equal(("GET", "https", "api.example.com", "HTTP/1.1"), (echo.Method, echo.Scheme, echo.Host, echo.Protocol));
        Assert.Equal(("", "/api/echo", "?q=caf%C3%A9&q2=x", "café"), (echo.PathBase, echo.Path, echo.QueryString, echo.Q));
        Assert.Equal(("a,b", "7f3e9a1c", "dark"), (echo.Custom, echo.Session, echo.Theme));
        Assert.Equal((request.RequestContext.RequestId, "203.0.113.17"), (echo.TraceIdentifier, echo.RemoteIp));
    }

    [Fact]
    public async Task A_binary_POST_round_trips_byte_for_byte_as_base64()
    {
        var response = await SendAsync(RepositoryPaths.Event("apigw-binary-post.json"));

        Assert.Equal(200, response.StatusCode);
        Assert.True(response.IsBase64Encoded);
        Assert.Equal(Enumerable.Range(0, 256).Select(i => (byte)i), Convert.FromBase64String(response.Body!));
        Assert.Equal("application/octet-stream", response.Headers!["Content-Type"]);
        Assert.Equal("blob.bin", response.Headers["x-name"]);
    }

    [Fact]
    public async Task Set_Cookie_values_become_cookies_and_repeated_headers_one_comma_joined_header()
    {
        var response = await SendAsync(Request("GET", "/api/cookies"));

        Assert.Equal(201, response.StatusCode);
        Assert.Equal(["session=s-1; expires=Thu, 24 Dec 2026 08:00:00 GMT; path=/; httponly", "theme=dark; path=/"], response.Cookies!);
        Assert.Equal("one,two", response.Headers!["x-multi"]);
        Assert.Equal("no-store", response.Headers["Cache-Control"]);
        Assert.DoesNotContain(response.Headers.Keys, name => name.Equals("Set-Cookie", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(("made", false), (response.Body, response.IsBase64Encoded));
    }

    [Theory]
    [InlineData(202)]
    [InlineData(204)]
    [InlineData(409)]
    [InlineData(503)]
    public async Task The_app_s_status_code_is_the_response_s(int status)
    {
        var response = await SendAsync(Request("GET", $"/api/status/{status}"));

        Assert.Equal(status, response.StatusCode);
        Assert.Null(response.Body);
    }

    [Fact]
    public async Task An_unknown_route_is_404()
    {
        var response = await SendAsync(Request("GET", "/api/nothing-here"));

        Assert.Equal(404, response.StatusCode);
    }

    [Fact]
    public async Task An_app_exception_is_an_empty_500_response_not_an_invocation_error()
    {
        var response = await SendAsync(Request("GET", "/api/boom"));
        var after = await SendAsync(Request("GET", "/api/health"));

        Assert.Equal(500, response.StatusCode);
        Assert.Null(response.Body);
        Assert.Equal(200, after.StatusCode);
    }

    [Fact]
    public async Task A_JSON_body_binds_to_a_minimal_API_parameter()
    {
        var request = Request("POST", "/api/notes");
        request.Headers = new Dictionary<string, string> { ["content-type"] = "application/json" };
        request.Body = """{"text":"hello","priority":1}""";

        var response = await SendAsync(request);

        Assert.Equal(201, response.StatusCode);
        Assert.Equal("/api/notes/1", response.Headers!["Location"]);
        Assert.Equal("""{"text":"hello","priority":2}""", response.Body);
    }

    [Fact]
    public async Task UTF_8_text_is_sent_as_text_and_text_in_another_charset_as_exact_base64()
    {
        var utf8 = await SendAsync(Request("GET", "/api/text"));
        var latin1 = await SendAsync(Request("GET", "/api/latin1"));

        Assert.Equal(("grüße ✓", false), (utf8.Body, utf8.IsBase64Encoded));
        Assert.True(latin1.IsBase64Encoded);
        Assert.Equal(new byte[] { 0x67, 0x72, 0xFC, 0xDF, 0x65 }, Convert.FromBase64String(latin1.Body!));
    }

    [Fact]
    public async Task A_percent_encoded_path_is_decoded_for_routing()
    {
        var response = await SendAsync(Request("GET", "/api/items/a%20b"));

        Assert.Equal("a b", response.Body);
    }

    [Fact]
    public async Task A_named_stage_becomes_the_path_base()
    {
        var request = Request("GET", "/prod/api/echo");
        request.RequestContext.Stage = "prod";

        var echo = JsonSerializer.Deserialize((await SendAsync(request)).Body!, BridgeJsonContext.Default.Echo)!;

        Assert.Equal(("/prod", "/api/echo"), (echo.PathBase, echo.Path));
    }

    [Fact]
    public async Task A_payload_format_1_0_event_fails_the_invocation_with_what_to_change()
    {
        var result = await app.Function.InvokeAsync("""{"version":"1.0","resource":"/api/health","path":"/api/health","httpMethod":"GET"}"""u8.ToArray());

        Assert.Equal(HarnessResultKind.Error, result.Kind);
        Assert.Equal("InvalidDataException", result.ErrorType);
        Assert.Contains("PayloadFormatVersion to 2.0", result.BodyText, StringComparison.Ordinal);
    }

    private static HttpApiRequest Request(string method, string rawPath, string rawQueryString = "") => new()
    {
        RouteKey = "$default",
        RawPath = rawPath,
        RawQueryString = rawQueryString,
        RequestContext = new HttpApiRequestContext
        {
            RequestId = "req-" + Guid.NewGuid().ToString("N")[..12],
            DomainName = "r3pmxmplak.execute-api.eu-west-1.amazonaws.com",
            Http = new HttpApiRequestHttp { Method = method, Path = rawPath, SourceIp = "203.0.113.17", UserAgent = "tests" },
        },
    };

    private Task<HttpApiResponse> SendAsync(HttpApiRequest request) =>
        SendAsync(JsonSerializer.SerializeToUtf8Bytes(request, LambdaJsonContext.Default.HttpApiRequest));

    private async Task<HttpApiResponse> SendAsync(byte[] apiGatewayEvent)
    {
        var result = await app.Function.InvokeAsync(apiGatewayEvent);
        Assert.True(result.Kind == HarnessResultKind.Response, $"{result.Kind} {result.ErrorType}: {result.BodyText}");
        return JsonSerializer.Deserialize(result.Body, LambdaJsonContext.Default.HttpApiResponse)!;
    }
}
