using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Mailflow.Local.Sqs;

namespace Mailflow.Local.Tests.Sqs;

/// <summary>The AWS JSON 1.0 protocol on the wire, with a plain HttpClient: what a hand-written client or curl sees.</summary>
public sealed class SqsProtocolTests(MailflowTarget target) : IClassFixture<MailflowTarget>, IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = target.Server.Url };

    [Fact]
    public async Task An_unknown_queue_answers_SQS_error_shape_and_query_error_header()
    {
        var response = await PostAsync("AmazonSQS.GetQueueUrl", """{"QueueName":"no-such-queue"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("application/x-amz-json-1.0", response.ContentType);
        Assert.Equal("AWS.SimpleQueueService.NonExistentQueue;Sender", response.QueryError);
        Assert.Equal("com.amazonaws.sqs#QueueDoesNotExist", response.Body.GetProperty("__type").GetString());
        Assert.Contains("no-such-queue", response.Body.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_action_is_InvalidAction_naming_the_actions_served()
    {
        var response = await PostAsync("AmazonSQS.CreateQueue", """{"QueueName":"new"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("InvalidAction;Sender", response.QueryError);
        Assert.Equal("com.amazonaws.sqs#InvalidAction", response.Body.GetProperty("__type").GetString());
        Assert.Contains("ReceiveMessage", response.Body.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("mailflow.json", response.Body.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_without_X_Amz_Target_is_MissingAction()
    {
        var response = await PostAsync(null, "{}");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("com.amazonaws.sqs#MissingAction", response.Body.GetProperty("__type").GetString());
    }

    [Theory]
    [InlineData("{\"QueueNamePrefix\": ")]
    [InlineData("[1, 2]")]
    [InlineData("{\"MaxResults\": \"ten\"}")]
    [InlineData("null")]
    public async Task A_malformed_body_is_400_saying_what_is_wrong(string body)
    {
        var response = await PostAsync("AmazonSQS.ListQueues", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("com.amazonaws.sqs#SerializationException", response.Body.GetProperty("__type").GetString());
        Assert.StartsWith("The request body is not a valid JSON object for this action: ", response.Body.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_query_protocol_request_is_told_to_use_the_JSON_protocol()
    {
        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Action"] = "ListQueues", ["Version"] = "2012-11-05" });
        using var response = await _http.PostAsync(new Uri("/", UriKind.Relative), content);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("com.amazonaws.sqs#UnsupportedProtocol", body.GetProperty("__type").GetString());
        Assert.Contains("AWS JSON 1.0", body.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Any_Authorization_header_is_accepted_and_an_empty_body_reads_as_no_parameters()
    {
        var name = $"auth-{Guid.NewGuid():N}";
        await target.CreateQueueAsync(name, TimeSpan.FromSeconds(30));

        var response = await PostAsync("AmazonSQS.ListQueues", "", authorization: "AWS4-HMAC-SHA256 Credential=nobody/20250101/us-east-1/sqs/aws4_request, Signature=00");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Contains(target.Server.QueueUrl(name), response.Body.GetProperty("QueueUrls").EnumerateArray().Select(url => url.GetString()));
    }

    [Fact]
    public async Task An_empty_receive_is_an_empty_object_and_the_legacy_AttributeNames_still_select_system_attributes()
    {
        var name = $"legacy-{Guid.NewGuid():N}";
        var url = await target.CreateQueueAsync(name, TimeSpan.FromSeconds(30));

        var empty = await PostAsync("AmazonSQS.ReceiveMessage", $$"""{"QueueUrl":"{{url}}"}""");
        await PostAsync("AmazonSQS.SendMessage", $$"""{"QueueUrl":"{{url}}","MessageBody":"hello"}""");
        var received = await PostAsync("AmazonSQS.ReceiveMessage", $$"""{"QueueUrl":"{{url}}","AttributeNames":["ApproximateReceiveCount"]}""");

        Assert.Equal("{}", empty.Raw);
        var message = received.Body.GetProperty("Messages")[0];
        Assert.Equal("1", message.GetProperty("Attributes").GetProperty("ApproximateReceiveCount").GetString());
        Assert.False(message.TryGetProperty("MessageAttributes", out _));
    }

    [Fact]
    public async Task A_queue_url_is_matched_on_its_path_so_localhost_and_127_0_0_1_both_work()
    {
        var name = $"host-{Guid.NewGuid():N}";
        var url = await target.CreateQueueAsync(name, TimeSpan.FromSeconds(30));
        var viaLocalhost = url.Replace("127.0.0.1", "localhost", StringComparison.Ordinal);

        var response = await PostAsync("AmazonSQS.SendMessage", $$"""{"QueueUrl":"{{viaLocalhost}}","MessageBody":"hi"}""");
        var notAQueueUrl = await PostAsync("AmazonSQS.SendMessage", """{"QueueUrl":"http://127.0.0.1/","MessageBody":"hi"}""");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(HttpStatusCode.NotFound, notAQueueUrl.Status);
        Assert.Equal("com.amazonaws.sqs#InvalidAddress", notAQueueUrl.Body.GetProperty("__type").GetString());
    }

    [Fact]
    public void The_server_refuses_to_listen_beyond_loopback()
    {
        var options = new SqsServerOptions { EndPoint = new IPEndPoint(IPAddress.Any, 0) };

        var refused = Assert.Throws<ArgumentException>(() => new SqsServer(target.Engine, options));

        Assert.Contains("loopback", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Starting_on_a_port_already_taken_fails_saying_so()
    {
        var taken = new SqsServer(target.Engine, new SqsServerOptions { EndPoint = new IPEndPoint(IPAddress.Loopback, target.Server.Url.Port) });

        var failure = await Assert.ThrowsAsync<IOException>(() => taken.StartAsync(CancellationToken.None));
        await taken.DisposeAsync();

        Assert.Contains("address already in use", failure.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void The_bound_url_names_the_port_chosen_for_port_0()
    {
        Assert.Equal("127.0.0.1", target.Server.Url.Host);
        Assert.NotEqual(0, target.Server.Url.Port);
        Assert.Equal($"http://127.0.0.1:{target.Server.Url.Port}/000000000000/orders", target.Server.QueueUrl("orders"));
        Assert.Equal("arn:aws:sqs:us-east-1:000000000000:orders", target.Server.QueueArn("orders"));
    }

    public void Dispose() => _http.Dispose();

    private async Task<(HttpStatusCode Status, string? QueryError, string? ContentType, string Raw, JsonElement Body)> PostAsync(
        string? action, string body, string? authorization = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/", UriKind.Relative))
        {
            Content = new StringContent(body, Encoding.UTF8),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.0");
        if (action is not null)
        {
            request.Headers.Add("X-Amz-Target", action);
        }
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }
        using var response = await _http.SendAsync(request);
        var raw = await response.Content.ReadAsStringAsync();
        return (
            response.StatusCode,
            response.Headers.TryGetValues("x-amzn-query-error", out var values) ? values.Single() : null,
            response.Content.Headers.ContentType?.MediaType,
            raw,
            JsonDocument.Parse(raw).RootElement.Clone());
    }
}
