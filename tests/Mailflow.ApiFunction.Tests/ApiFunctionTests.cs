using Mailflow.ApiFunction.Tests.Support;
using Mailflow.Core.Configuration;
using Mailflow.Core.Envelopes;
using Mailflow.Core.Links;
using Mailflow.Testing.Auth;
using Mailflow.Testing.Stubs;
using Mailflow.Testing.Support;

namespace Mailflow.ApiFunction.Tests;

/// <summary>The built API function answering API Gateway HTTP API requests: health, authentication, attachment links, unknown routes.</summary>
[Collection(ApiDeploymentCollection.Name)]
public sealed class ApiFunctionTests(ApiDeployment deployment)
{
    private readonly AttachmentLinkSigner _links = new(ApiVariables.ApiUrl, ApiVariables.LinkSigningKey, TimeSpan.FromHours(1), TimeProvider.System);

    [Fact]
    public async Task Health_is_public_and_reports_the_aws_host_and_the_inbound_state_read_from_Lambda_and_SES()
    {
        var response = await deployment.InvokeAsync(ApiEvents.Load("apigw-health.json"));

        Assert.Equal(200, response.StatusCode);
        Assert.StartsWith("application/json", response.Headers["content-type"], StringComparison.Ordinal);
        Assert.Equal("ok", (string?)response.Json["status"]);
        Assert.Equal("local", (string?)response.Json["environment"]);
        Assert.Equal("aws", (string?)response.Json["host"]);
        Assert.Equal("enabled", (string?)response.Json["inbound"]!["state"]);
        Assert.True((bool?)response.Json["inbound"]!["receiving"]);
        Assert.True((bool?)response.Json["inbound"]!["processing"]);
        Assert.Equal("running", (string?)response.Json["worker"]!["state"]);
        Assert.Contains(deployment.ControlPlane.Requests, r => r.Method == "GET" && r.RawUrl.EndsWith(FakeControlPlane.MappingId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_request_without_a_token_is_refused_with_401_and_a_Bearer_challenge()
    {
        var response = await deployment.InvokeAsync(ApiEvents.Get("/api/queues"));

        Assert.Equal(401, response.StatusCode);
        Assert.Equal("Bearer realm=\"mailflow\"", response.Headers["www-authenticate"]);
        Assert.Equal("token-required", (string?)response.Json["error"]);
    }

    [Fact]
    public async Task A_token_signed_by_a_key_the_issuer_does_not_publish_is_refused_with_401_invalid_token()
    {
        var response = await deployment.InvokeAsync(ApiEvents.Get("/api/queues", TestTokens.Mint("admin", key: TestKeys.Unknown)));

        Assert.Equal(401, response.StatusCode);
        Assert.Contains("error=\"invalid_token\"", response.Headers["www-authenticate"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deep_health_answers_200_with_every_store_and_queue_checked_ok()
    {
        var response = await deployment.InvokeAsync(ApiEvents.Get("/api/health/deep", TestTokens.Mint("viewer")));

        Assert.True(response.StatusCode == 200, response.BodyText);
        Assert.Equal("ok", (string?)response.Json["status"]);
        var checks = response.Json["checks"]!.AsArray();
        Assert.All(checks, check => Assert.True((bool)check!["ok"]!, check!.ToJsonString()));
        string[] expected = ["ledger", "raw-mail", "attachments", .. QueueNames.All(DefaultConfig.Instance).Select(queue => "queue:" + queue)];
        Assert.Equal(expected.Order(StringComparer.Ordinal), checks.Select(check => (string)check!["name"]!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_signed_attachment_link_redirects_to_a_presigned_S3_URL_that_returns_the_exact_bytes()
    {
        var sesMessageId = $"api{Guid.NewGuid():N}";
        var content = Bytes.Random(70_000, seed: 17);
        await deployment.PutAttachmentAsync(StorageKeys.Attachment(sesMessageId, 0), content);
        var (link, _) = _links.Create(StorageKeys.AttachmentId(sesMessageId, 0));

        var response = await deployment.InvokeAsync(ApiEvents.Get(new Uri(link).PathAndQuery));

        Assert.Equal(302, response.StatusCode);
        var location = new Uri(response.Headers["location"]);
        Assert.Equal(deployment.Fauxqs.Endpoint.Authority, location.Authority);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        Assert.Equal(content, await http.GetByteArrayAsync(location));
    }

    [Fact]
    public async Task A_link_with_a_tampered_token_is_refused_with_403_link_invalid()
    {
        var sesMessageId = $"api{Guid.NewGuid():N}";
        await deployment.PutAttachmentAsync(StorageKeys.Attachment(sesMessageId, 0), Bytes.Random(100));
        var (link, _) = _links.Create(StorageKeys.AttachmentId(sesMessageId, 0));
        var pathAndQuery = new Uri(link).PathAndQuery;
        var tampered = pathAndQuery[..^1] + (pathAndQuery[^1] == 'A' ? 'B' : 'A');

        var response = await deployment.InvokeAsync(ApiEvents.Get(tampered));

        Assert.Equal(403, response.StatusCode);
        Assert.Equal("link-invalid", (string?)response.Json["error"]);
        Assert.False(response.Headers.ContainsKey("location"));
    }

    [Fact]
    public async Task An_unknown_route_answers_404_with_the_error_code_not_found()
    {
        var response = await deployment.InvokeAsync(ApiEvents.Get("/api/no-such-thing"));

        Assert.Equal(404, response.StatusCode);
        Assert.Equal("not-found", (string?)response.Json["error"]);
    }

    /// <summary>
    /// A base64 body, cookies and JWT claims all pass the bridge into a response (a 404 not-found: there is no upload
    /// route), not an invocation error; <see cref="ApiDeployment.InvokeAsync"/> fails on anything but a well-formed response.
    /// </summary>
    [Fact]
    public async Task A_binary_POST_with_cookies_and_JWT_claims_gets_a_well_formed_HTTP_API_response()
    {
        var response = await deployment.InvokeAsync(ApiEvents.Load("apigw-binary-post.json"));

        Assert.InRange(response.StatusCode, 100, 599);
    }
}
