using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Mailflow.Api.Auth;
using Mailflow.Api.Endpoints;
using Mailflow.Api.Tests.Support;
using Mailflow.Core.Configuration;
using Mailflow.Core.Operations;
using Mailflow.Testing.Emulators;

namespace Mailflow.Api.Tests;

/// <summary>
/// <c>POST /api/routes/preview</c> over local mode's real backends: the decision and envelopes of the real pipeline,
/// with nothing stored, queued or recorded in those backends.
/// </summary>
public sealed class RoutePreviewTests(LocalStack stack) : IClassFixture<LocalStack>, IAsyncLifetime
{
    private const string Invoice = """
        From: Ann Sender <ann@sender.test>
        To: _invoices@acme.test
        Subject: Invoice 42
        Message-ID: <invoice-42@sender.test>
        Date: Sun, 22 Nov 2026 09:00:00 +0000
        MIME-Version: 1.0
        Content-Type: text/plain; charset=utf-8

        Please pay invoice 42.
        Questions to
        bob@sender.test
        """;

    private ApiTestHost _host = null!;

    public async Task InitializeAsync() => _host = await ApiTestHost.StartAsync(stack.Backends, ApiTransport.TestServer);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData(ApiTransport.TestServer)]
    [InlineData(ApiTransport.Bridge)]
    public async Task Mail_an_app_takes_shows_the_app_its_queue_and_the_envelope_it_would_receive(ApiTransport transport)
    {
        await using var host = await ApiTestHost.StartAsync(stack.Backends, transport);

        var preview = await PreviewAsync(host.As(Roles.Admin, "ada"), Invoice);

        Assert.Equal(["_invoices@acme.test"], Strings(preview.GetProperty("recipients")));
        Assert.Equal("headers", preview.GetProperty("recipientsFrom").GetString());
        Assert.Equal("PASS", preview.GetProperty("verdicts").GetProperty("virus").GetString());
        Assert.False(preview.GetProperty("addressesRedacted").GetBoolean());
        var delivery = Assert.Single(preview.GetProperty("deliveries").EnumerateArray());
        Assert.Equal("delivered", delivery.GetProperty("outcome").GetString());
        Assert.Equal("invoices", delivery.GetProperty("app").GetString());
        Assert.Equal(stack.Queues.ForApp("invoices"), delivery.GetProperty("queue").GetString());
        var envelope = delivery.GetProperty("envelope");
        Assert.Equal("mailflow.inbound.v1", envelope.GetProperty("schema").GetString());
        Assert.Equal(delivery.GetProperty("envelopeId").GetString(), envelope.GetProperty("id").GetString());
        Assert.Equal($"{preview.GetProperty("mailId").GetString()}.invoices", envelope.GetProperty("id").GetString());
        Assert.Equal("invoices", envelope.GetProperty("app").GetString());
        Assert.Equal("ann@sender.test", envelope.GetProperty("from").GetProperty("address").GetString());
        Assert.Equal("Invoice 42", envelope.GetProperty("subject").GetString());
        Assert.Equal(["_invoices@acme.test"], Strings(envelope.GetProperty("envelope").GetProperty("recipients")));
    }

    [Fact]
    public async Task The_same_mail_previewed_twice_gets_the_same_ids()
    {
        var first = await PreviewAsync(Admin, Invoice);
        var second = await PreviewAsync(Admin, Invoice);

        Assert.Equal(first.GetProperty("mailId").GetString(), second.GetProperty("mailId").GetString());
        Assert.Equal(EnvelopeIds(first), EnvelopeIds(second));
    }

    [Fact]
    public async Task Recipients_in_the_query_replace_the_headers_and_each_app_gets_its_own_envelope()
    {
        var preview = await PreviewAsync(Admin, Invoice, "?recipient=_support@acme.test&recipient=_INVOICES@acme.test");

        Assert.Equal("query", preview.GetProperty("recipientsFrom").GetString());
        Assert.Equal(["support", "invoices"], preview.GetProperty("deliveries").EnumerateArray().Select(d => d.GetProperty("app").GetString()));
        Assert.All(preview.GetProperty("deliveries").EnumerateArray(), d => Assert.Equal("delivered", d.GetProperty("outcome").GetString()));
    }

    [Fact]
    public async Task Mail_to_addresses_no_app_takes_is_quarantined_as_unroutable_as_the_pipeline_decides()
    {
        var preview = await PreviewAsync(Admin, Invoice, "?recipient=someone@elsewhere.test&recipient=_payroll@acme.test");

        var delivery = Assert.Single(preview.GetProperty("deliveries").EnumerateArray());
        Assert.Equal("quarantined", delivery.GetProperty("outcome").GetString());
        Assert.Equal("unroutable", delivery.GetProperty("reasonCode").GetString());
        Assert.Equal(stack.Queues.Quarantine, delivery.GetProperty("queue").GetString());
        Assert.Equal(JsonValueKind.Null, delivery.GetProperty("app").ValueKind);
        Assert.Equal(JsonValueKind.Null, delivery.GetProperty("envelope").ValueKind);
        Assert.False(string.IsNullOrEmpty(delivery.GetProperty("envelopeId").GetString()));
        Assert.Contains("2 recipient(s) no app takes", delivery.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_simulated_virus_verdict_is_rejected_and_a_spam_verdict_quarantined_by_the_default_policy()
    {
        var virus = Assert.Single((await PreviewAsync(Admin, Invoice, "?verdict=virus=FAIL")).GetProperty("deliveries").EnumerateArray());
        var spam = Assert.Single((await PreviewAsync(Admin, Invoice, "?verdict=spam=fail")).GetProperty("deliveries").EnumerateArray());

        Assert.Equal(("rejected", "verdict-virus-fail"), (virus.GetProperty("outcome").GetString(), virus.GetProperty("reasonCode").GetString()));
        Assert.Equal(JsonValueKind.Null, virus.GetProperty("queue").ValueKind);
        Assert.Equal(JsonValueKind.Null, virus.GetProperty("envelope").ValueKind);
        Assert.Equal(("quarantined", "verdict-spam-fail"), (spam.GetProperty("outcome").GetString(), spam.GetProperty("reasonCode").GetString()));
        Assert.Equal("invoices", spam.GetProperty("app").GetString());
        Assert.Equal(stack.Queues.Quarantine, spam.GetProperty("queue").GetString());
    }

    [Fact]
    public async Task A_viewer_sees_every_address_masked_and_an_admin_sees_them_in_full()
    {
        var asViewer = await PreviewAsync(_host.As(Roles.Viewer), Invoice, "?recipient=_invoices@acme.test&recipient=someone@elsewhere.test");
        var asAdmin = await PreviewAsync(Admin, Invoice, "?recipient=_invoices@acme.test&recipient=someone@elsewhere.test");

        Assert.True(asViewer.GetProperty("addressesRedacted").GetBoolean());
        foreach (var address in new[] { "ann@sender.test", "bob@sender.test", "_invoices@acme.test", "someone@elsewhere.test", "invoice-42@sender.test" })
        {
            Assert.DoesNotContain(address, asViewer.ToString(), StringComparison.Ordinal);
            Assert.Contains(address, asAdmin.ToString(), StringComparison.Ordinal);
        }
        Assert.Equal(["_***@acme.test", "s***@elsewhere.test"], Strings(asViewer.GetProperty("recipients")));
        var envelope = asViewer.GetProperty("deliveries")[0].GetProperty("envelope");
        Assert.Equal("a***@sender.test", envelope.GetProperty("from").GetProperty("address").GetString());
        // Masked value by value: the line break before the address in the body stays a line break.
        Assert.EndsWith("Questions to\nb***@sender.test", envelope.GetProperty("text").GetString()!.TrimEnd(), StringComparison.Ordinal);
        Assert.Equal("Invoice 42", envelope.GetProperty("subject").GetString());
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_raw_mail_body_it_takes()
    {
        var document = JsonDocument.Parse(await _host.Anonymous().GetStringAsync("/api/openapi.json")).RootElement;

        var operation = document.GetProperty("paths").GetProperty("/api/routes/preview").GetProperty("post");
        var content = operation.GetProperty("requestBody").GetProperty("content");
        Assert.Equal(["message/rfc822", "application/octet-stream", "text/plain"], content.EnumerateObject().Select(type => type.Name));
        Assert.Equal("binary", content.GetProperty("message/rfc822").GetProperty("schema").GetProperty("format").GetString());
        Assert.True(operation.GetProperty("responses").TryGetProperty("200", out _));
    }

    [Fact]
    public async Task Without_a_token_the_answer_is_401()
    {
        var response = await _host.Anonymous().PostAsync("/api/routes/preview", Mail(Invoice));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_mail_over_the_configured_size_is_413_whether_its_length_is_announced_or_not()
    {
        var backends = stack.Backends with { Config = stack.Backends.Config with { Limits = new LimitsConfig { MaxMessageBytes = 300 } } };
        await using var host = await ApiTestHost.StartAsync(backends, ApiTransport.TestServer);
        var client = host.As(Roles.Viewer);
        var large = Invoice + new string('x', 400);

        var announced = await client.PostAsync("/api/routes/preview", Mail(large));
        var chunked = await client.PostAsync("/api/routes/preview", new UnknownLengthContent(Encoding.UTF8.GetBytes(large)));
        var within = await client.PostAsync("/api/routes/preview", new UnknownLengthContent(Encoding.UTF8.GetBytes(Invoice[..250])));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, announced.StatusCode);
        Assert.Contains("\"message-too-large\"", await announced.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("limit (limits.maxMessageBytes) is 300 bytes", await announced.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, chunked.StatusCode);
        Assert.Contains("\"message-too-large\"", await chunked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, within.StatusCode);
    }

    [Fact]
    public async Task Previews_count_against_the_tokens_rate_limit()
    {
        var backends = stack.Backends with { Config = stack.Backends.Config with { Api = stack.Backends.Config.Api with { RequestsPerMinute = 1 } } };
        await using var host = await ApiTestHost.StartAsync(backends, ApiTransport.TestServer);
        var client = host.As(Roles.Viewer, "eager");

        var first = await client.PostAsync("/api/routes/preview", Mail(Invoice));
        var second = await client.PostAsync("/api/routes/preview", Mail(Invoice));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("rate-limited", await ErrorAsync(second, HttpStatusCode.TooManyRequests));
    }

    [Fact]
    public async Task An_empty_body_is_400()
    {
        Assert.Equal("empty-body", await ErrorAsync(await Admin.PostAsync("/api/routes/preview", Mail("")), HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task The_body_must_be_sent_as_a_mail_an_upload_or_text()
    {
        var json = new StringContent("{}", Encoding.UTF8, "application/json");
        var none = new ByteArrayContent(Encoding.UTF8.GetBytes(Invoice));

        Assert.Equal("unsupported-media-type", await ErrorAsync(await Admin.PostAsync("/api/routes/preview", json), HttpStatusCode.UnsupportedMediaType));
        Assert.Equal("unsupported-media-type", await ErrorAsync(await Admin.PostAsync("/api/routes/preview", none), HttpStatusCode.UnsupportedMediaType));
        foreach (var type in new[] { "application/octet-stream", "text/plain; charset=utf-8" })
        {
            var response = await Admin.PostAsync("/api/routes/preview", Mail(Invoice, type));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task A_recipient_that_is_not_an_address_and_an_unknown_verdict_are_400_with_what_to_write()
    {
        var fifty = string.Concat(Enumerable.Range(0, RouteEndpoints.MaxRecipients + 1).Select(i => $"&recipient=r{i}@acme.test"));

        Assert.Equal("invalid-recipient", await ErrorAsync(await Admin.PostAsync("/api/routes/preview?recipient=nobody", Mail(Invoice)), HttpStatusCode.BadRequest));
        Assert.Equal("too-many-recipients", await ErrorAsync(await Admin.PostAsync("/api/routes/preview?" + fifty[1..], Mail(Invoice)), HttpStatusCode.BadRequest));
        var verdict = await Admin.PostAsync("/api/routes/preview?verdict=spam=MAYBE", Mail(Invoice));
        Assert.Equal("invalid-verdict", await ErrorAsync(verdict, HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task Binary_garbage_is_quarantined_as_malformed_mime_by_the_pipeline()
    {
        var garbage = await File.ReadAllBytesAsync(Path.Combine(RepositoryPaths.Root, "tests", "fixtures", "mail", "binary-garbage.eml"));

        var routed = await PreviewAsync(Admin, garbage, "?recipient=_invoices@acme.test");
        var unaddressed = await PreviewAsync(Admin, garbage);

        var delivery = Assert.Single(routed.GetProperty("deliveries").EnumerateArray());
        Assert.Equal(("quarantined", "malformed-mime"), (delivery.GetProperty("outcome").GetString(), delivery.GetProperty("reasonCode").GetString()));
        Assert.Equal(garbage.Length, routed.GetProperty("size").GetInt64());
        Assert.Empty(unaddressed.GetProperty("recipients").EnumerateArray());
        var unaddressedDelivery = Assert.Single(unaddressed.GetProperty("deliveries").EnumerateArray());
        Assert.Equal(("quarantined", "malformed-mime"), (unaddressedDelivery.GetProperty("outcome").GetString(), unaddressedDelivery.GetProperty("reasonCode").GetString()));
    }

    [Fact]
    public async Task Text_without_a_header_line_is_quarantined_as_malformed_mime_by_the_pipeline()
    {
        var preview = await PreviewAsync(Admin, "just some words, no headers at all\n", "?recipient=_invoices@acme.test");

        var delivery = Assert.Single(preview.GetProperty("deliveries").EnumerateArray());
        Assert.Equal(("quarantined", "malformed-mime"), (delivery.GetProperty("outcome").GetString(), delivery.GetProperty("reasonCode").GetString()));
    }

    [Fact]
    public async Task A_mail_without_To_or_Cc_needs_its_recipients_named_and_then_routes_on_them_as_Bcc_mail_does()
    {
        var bcc = Invoice.Replace("To: _invoices@acme.test\n", "", StringComparison.Ordinal);

        var unnamed = await Admin.PostAsync("/api/routes/preview", Mail(bcc));
        var named = await PreviewAsync(Admin, bcc, "?recipient=_invoices@acme.test");

        Assert.Equal("no-recipients", await ErrorAsync(unnamed, HttpStatusCode.BadRequest));
        Assert.Equal("delivered", Assert.Single(named.GetProperty("deliveries").EnumerateArray()).GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task A_preview_stores_queues_and_records_nothing()
    {
        var queuesBefore = await QueueDepthsAsync();
        var ledgerBefore = await LedgerAsync();

        var preview = await PreviewAsync(Admin, Invoice.Replace("Invoice 42", "Invoice 43", StringComparison.Ordinal), "?recipient=_invoices@acme.test&recipient=someone@elsewhere.test");

        var mailId = preview.GetProperty("mailId").GetString()!;
        Assert.Equal(2, preview.GetProperty("deliveries").GetArrayLength());
        Assert.Equal(queuesBefore, await QueueDepthsAsync());
        Assert.Equal(ledgerBefore, await LedgerAsync());
        Assert.Null(await stack.Backends.LedgerReader.GetAsync(mailId, CancellationToken.None));
        Assert.Null(await stack.Backends.Archive.OpenRawAsync(mailId, CancellationToken.None));
    }

    private HttpClient Admin => _host.As(Roles.Admin, "ada");

    private async Task<Dictionary<string, long>> QueueDepthsAsync() =>
        (await stack.Backends.Queues.ListAsync(CancellationToken.None)).ToDictionary(q => q.Name, q => q.Visible + q.InFlight + q.Delayed);

    private async Task<List<string>> LedgerAsync() =>
        [.. (await stack.Backends.LedgerReader.SearchAsync(new MessageSearch(null, null, null, null, null, null, 200), CancellationToken.None))
            .Items.Select(item => $"{item.MailId} {item.Status}")];

    private static ByteArrayContent Mail(string mime, string type = "message/rfc822") => Mail(Encoding.UTF8.GetBytes(mime.ReplaceLineEndings("\r\n")), type);

    private static ByteArrayContent Mail(byte[] mime, string type = "message/rfc822")
    {
        var content = new ByteArrayContent(mime);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(type);
        return content;
    }

    private static Task<JsonElement> PreviewAsync(HttpClient client, string mime, string query = "") =>
        PreviewAsync(client, Encoding.UTF8.GetBytes(mime.ReplaceLineEndings("\r\n")), query);

    private static async Task<JsonElement> PreviewAsync(HttpClient client, byte[] mime, string query = "")
    {
        var response = await client.PostAsync("/api/routes/preview" + query, Mail(mime));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static List<string?> Strings(JsonElement array) => [.. array.EnumerateArray().Select(item => item.GetString())];

    private static List<string?> EnvelopeIds(JsonElement preview) =>
        [.. preview.GetProperty("deliveries").EnumerateArray().Select(d => d.GetProperty("envelopeId").GetString())];

    private static async Task<string?> ErrorAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("error").GetString();
    }

    /// <summary>A body sent without Content-Length, as a browser stream or a chunked upload is.</summary>
    private sealed class UnknownLengthContent : HttpContent
    {
        private readonly byte[] _bytes;

        public UnknownLengthContent(byte[] bytes)
        {
            _bytes = bytes;
            Headers.ContentType = new MediaTypeHeaderValue("message/rfc822");
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(_bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
